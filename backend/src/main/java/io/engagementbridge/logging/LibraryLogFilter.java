package io.engagementbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps libraries' warnings to what an operator can read. Events whose exception is an expected failure
 * are dropped (the cache's "exception thrown during asynchronous load", for one): our clients already
 * logged that failure once through {@link FailureLog}. Other warnings and errors of a library pass once
 * per logger, message and {@link FailureLog#INTERVAL} (Javalin warns of every oversized body, say); the
 * next one to pass is preceded by a line saying how many were left out.
 */
public final class LibraryLogFilter extends TurboFilter {
    private static final String OURS = "io.engagementbridge.";
    private static final org.slf4j.Logger SUMMARY = LoggerFactory.getLogger("io.engagementbridge.logging.repeats");
    private static final int MAX_KEYS = 10_000;

    private record Window(long startedNanos, AtomicLong repeats) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        if (format == null || logger.getName().startsWith(OURS) || !level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        var error = thrown != null ? thrown
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        if (error != null && ExpectedFailure.in(error)) {
            return FilterReply.DENY;
        }
        return firstInInterval(logger.getName(), format) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    private boolean firstInInterval(String logger, String format) {
        if (windows.size() > MAX_KEYS) {
            windows.clear();
        }
        var now = System.nanoTime();
        var left = new long[] {-1};
        windows.compute(logger + "\u0000" + format, (key, window) -> {
            if (window != null && now - window.startedNanos() < FailureLog.INTERVAL.toNanos()) {
                window.repeats().incrementAndGet();
                return window;
            }
            left[0] = window == null ? 0 : window.repeats().get();
            return new Window(now, new AtomicLong());
        });
        if (left[0] > 0) {
            var text = format.length() > 120 ? format.substring(0, 120) + "…" : format;
            SUMMARY.warn("{} left out {} more lines like \"{}\" since its last one", logger, left[0], text);
        }
        return left[0] >= 0;
    }
}
