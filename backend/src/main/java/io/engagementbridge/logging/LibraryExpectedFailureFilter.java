package io.engagementbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops library log events (the cache's "exception thrown during asynchronous load", for one) whose
 * exception is an expected failure: our clients already logged that failure once, through
 * {@link FailureLog}, and the library would add a stack trace per occurrence.
 */
public final class LibraryExpectedFailureFilter extends TurboFilter {
    private static final String OURS = "io.engagementbridge.";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        var error = thrown != null ? thrown
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        if (error == null || logger.getName().startsWith(OURS) || !ExpectedFailure.in(error)) {
            return FilterReply.NEUTRAL;
        }
        return FilterReply.DENY;
    }
}
