package io.engagementbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;


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
    private final Repeats repeats = new Repeats(FailureLog.INTERVAL, Ticker.systemTicker());

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
        var leftOut = repeats.next(logger + "\u0000" + format);
        if (leftOut > 0) {
            var text = format.length() > 120 ? format.substring(0, 120) + "…" : format;
            SUMMARY.warn("{} left out {} more lines like \"{}\" since its last one", logger, leftOut, text);
        }
        return leftOut != Repeats.LEAVE_OUT;
    }
}
