package io.engagementbridge.logging;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.web.Redaction;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The log policy for expected failures of calls to other systems (I/O, timeouts, 4xx/5xx, unreadable
 * answers): one line, no stack trace, and per host and kind of failure at most one line per interval;
 * the repeats in between are counted and reported on the next line for that host and kind.
 * <pre>{@code
 * private static final FailureLog FAILURES = FailureLog.of(ZendeskClient.class);
 * FAILURES.expected(url.host(), "rate_limited", "429 from /api/v2/users");
 * }</pre>
 */
public final class FailureLog {
    public static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_DETAIL = 200;

    private static final class Window {
        final long startedNanos;
        final AtomicLong repeats = new AtomicLong();

        Window(long startedNanos) {
            this.startedNanos = startedNanos;
        }
    }

    private final Logger logger;
    private final Duration interval;
    private final Ticker ticker;
    private final Cache<String, Window> windows = Caffeine.newBuilder().maximumSize(10_000).build();

    public FailureLog(Logger logger, Duration interval, Ticker ticker) {
        this.logger = logger;
        this.interval = interval;
        this.ticker = ticker;
    }

    public static FailureLog of(Class<?> owner) {
        return new FailureLog(org.slf4j.LoggerFactory.getLogger(owner), INTERVAL, Ticker.systemTicker());
    }

    /** Logs (or counts, if this host and kind were logged less than an interval ago) one expected failure. */
    public void expected(String host, String kind, String detail) {
        var now = ticker.read();
        var reported = new long[] {-1};
        windows.asMap().compute(host + "\u0000" + kind, (key, window) -> {
            if (window != null && now - window.startedNanos < interval.toNanos()) {
                window.repeats.incrementAndGet();
                return window;
            }
            reported[0] = window == null ? 0 : window.repeats.get();
            return new Window(now);
        });
        if (reported[0] < 0 || !logger.isWarnEnabled()) {
            return;
        }
        var text = Redaction.redact(detail == null ? "" : detail);
        text = text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
        if (reported[0] == 0) {
            logger.warn("{} {}: {}", host, kind, text);
        } else {
            logger.warn("{} {}: {} (and {} more like it since the last line)", host, kind, text, reported[0]);
        }
    }
}
