package io.engagementbridge.access;

import java.time.Duration;
import java.util.Optional;

/** The caller may not use the sidebar endpoint right now: unauthenticated (401) or over its rate (429). */
public final class CallerRejectedException extends RuntimeException {
    private final int status;
    private final Duration retryAfter;

    private CallerRejectedException(int status, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static CallerRejectedException unauthenticated(String reason) {
        return new CallerRejectedException(401, reason, null);
    }

    static CallerRejectedException tooManyRequests(Duration retryAfter) {
        return new CallerRejectedException(429, "Too many sidebar requests for this Engagement key", retryAfter);
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
