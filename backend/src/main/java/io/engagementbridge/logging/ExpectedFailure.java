package io.engagementbridge.logging;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Marks a failure that is part of talking to another system (it said no, was slow, or was
 * unreachable): worth one line in the log, never a stack trace. Exceptions of our API clients
 * implement it.
 */
public interface ExpectedFailure {

    /** Whether {@code error}, or what it wraps, is expected: marked, an I/O failure, a timeout or a cancellation. */
    static boolean in(Throwable error) {
        var seen = 0;
        for (var cause = error; cause != null && seen < 8; cause = cause.getCause(), seen++) {
            if (cause instanceof ExpectedFailure || cause instanceof IOException
                    || cause instanceof TimeoutException || cause instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }
}
