package io.engagementbridge.logging;

import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.web.Redaction;
import org.slf4j.Logger;

import java.time.Duration;

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

    private final Logger logger;
    private final Repeats repeats;

    public FailureLog(Logger logger, Duration interval, Ticker ticker) {
        this.logger = logger;
        this.repeats = new Repeats(interval, ticker);
    }

    public static FailureLog of(Class<?> owner) {
        return new FailureLog(org.slf4j.LoggerFactory.getLogger(owner), INTERVAL, Ticker.systemTicker());
    }

    /** Logs (or counts, if this host and kind were logged less than an interval ago) one expected failure. */
    public void expected(String host, String kind, String detail) {
        var leftOut = repeats.next(host + "\u0000" + kind);
        if (leftOut == Repeats.LEAVE_OUT || !logger.isWarnEnabled()) {
            return;
        }
        var text = Redaction.redact(detail == null ? "" : detail);
        text = text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
        if (leftOut == 0) {
            logger.warn("{} {}: {}", host, kind, text);
        } else {
            logger.warn("{} {}: {} (and {} more like it since the last line)", host, kind, text, leftOut);
        }
    }
}
