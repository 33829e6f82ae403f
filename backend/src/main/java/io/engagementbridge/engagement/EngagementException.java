package io.engagementbridge.engagement;

import io.engagementbridge.logging.ExpectedFailure;

import java.time.Duration;
import java.util.Optional;

/** A failed Engagement call, classified so the sidebar can say what happened and what to do. */
public final class EngagementException extends RuntimeException implements ExpectedFailure {

    /** What went wrong, from the agent's and admin's point of view. */
    public enum Kind {
        NOT_ALLOWED, REDIRECTED, UNAUTHORIZED, FORBIDDEN, INVALID_PROJECT, ENDPOINT_NOT_FOUND, BAD_REQUEST,
        RATE_LIMITED, UNAVAILABLE, TIMEOUT, UNREACHABLE, BAD_RESPONSE
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public EngagementException(Kind kind, int status, String detail) {
        this(kind, status, detail, null);
    }

    public EngagementException(Kind kind, int status, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** How long Engagement asked us to wait (Retry-After), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The classified failure inside {@code error} (as thrown, or wrapped by a future), if that is what it is. */
    public static Optional<EngagementException> in(Throwable error) {
        var cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof EngagementException e ? Optional.of(e) : Optional.empty();
    }

    public Kind kind() {
        return kind;
    }

    /** The upstream HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.UNAVAILABLE || kind == Kind.TIMEOUT || kind == Kind.UNREACHABLE;
    }
}
