package io.engagementbridge.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.CoreConstants;
import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.web.Redaction;


/**
 * {@code %throttledEx}, placed before {@code %n}: an expected failure ({@link ExpectedFailure#in}) adds
 * its type and message to the same line; an unexpected one gets its stack trace at most once per type (and
 * throw site) and {@link FailureLog#INTERVAL}, and otherwise one line too. Everything it writes is redacted.
 */
public final class ThrottledThrowableConverter extends ThrowableProxyConverter {
    private final Repeats repeats = new Repeats(FailureLog.INTERVAL, Ticker.systemTicker());

    @Override
    public String convert(ILoggingEvent event) {
        var proxy = event.getThrowableProxy();
        if (proxy == null) {
            return "";
        }
        var expected = proxy instanceof ThrowableProxy real && ExpectedFailure.in(real.getThrowable());
        if (expected || !firstInInterval(throwSite(proxy))) {
            return " [" + summary(proxy) + (expected ? "]" : "; stack trace shown at most once a minute]");
        }
        var trace = super.convert(event);
        return CoreConstants.LINE_SEPARATOR + Redaction.redact(trace.endsWith(CoreConstants.LINE_SEPARATOR)
                ? trace.substring(0, trace.length() - CoreConstants.LINE_SEPARATOR.length()) : trace);
    }

    private boolean firstInInterval(String type) {
        return repeats.next(type) != Repeats.LEAVE_OUT;
    }

    /** The type and where it was thrown: a wrapped copy (see Redaction) keeps its original's stack. */
    private static String throwSite(IThrowableProxy proxy) {
        var frames = proxy.getStackTraceElementProxyArray();
        return proxy.getClassName() + (frames == null || frames.length == 0 ? "" : "@" + frames[0].getSTEAsString());
    }

    private static String summary(IThrowableProxy proxy) {
        var innermost = proxy;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        var text = innermost.getClassName() + ": " + innermost.getMessage();
        return Redaction.redact(text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
}
