package io.engagementbridge.zendesk;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a Zendesk call failed, as data: handlers {@code switch} over it exhaustively and the admin view
 * shows {@link #hint()}, a short sentence naming what to fix. Never carries secrets or response bodies
 * that could hold tokens.
 */
public sealed interface ZendeskFailure {

    /** One constant per failure record, so Java 17 handlers can {@code switch (failure.kind())} exhaustively. */
    enum Kind {
        NOT_ALLOWED, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, BAD_REQUEST, INVALID, DUPLICATE_VALUE, RATE_LIMITED, SERVER_ERROR,
        TRANSPORT, UNREADABLE
    }

    Kind kind();

    /** What to do about it, for admins and operators. */
    String hint();

    /** One short line for logs and the ops view. */
    String summary();

    /** Whether the same request may succeed later without anyone changing anything. */
    default boolean retryable() {
        return this instanceof RateLimited || this instanceof ServerError || this instanceof Transport || this instanceof Conflict;
    }

    /** The URL is not HTTPS on an allowed Zendesk host; nothing was sent. */
    record NotAllowed(String reason, String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.NOT_ALLOWED;
        }

        public String summary() {
            return "refused before connecting: the Zendesk URL " + reason;
        }
    }

    /** 401 after one refresh or re-grant: the credentials are revoked or expired. */
    record Unauthorized(String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.UNAUTHORIZED;
        }

        public String summary() {
            return "401 unauthorized";
        }
    }

    enum ForbiddenReason { MISSING_SCOPE, BULK_IMPORTS_DISABLED, SHARED_USER, OTHER }

    record Forbidden(ForbiddenReason reason, String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.FORBIDDEN;
        }

        public String summary() {
            return "403 forbidden (" + reason.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
    }

    record NotFound(String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.NOT_FOUND;
        }

        public String summary() {
            return "404 not found";
        }
    }

    /** 409: a concurrent write won (database collision, or safe_update with a stale updated_stamp). */
    record Conflict(String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.CONFLICT;
        }

        public String summary() {
            return "409 conflict";
        }
    }

    /** 400 other than validation, such as IdempotentRequestError (same key, different payload). */
    record BadRequest(String error, String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.BAD_REQUEST;
        }

        public String summary() {
            return "400 " + error;
        }
    }

    /** One validation error on one field, as Zendesk reported it. */
    record FieldError(String field, String error, String description) {
    }

    /** 422 RecordInvalid: the fields Zendesk rejected and why. */
    record Invalid(List<FieldError> errors, String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.INVALID;
        }

        public String summary() {
            // Field names only: descriptions echo the values sent, which may be personal data or worse.
            return "422 invalid: " + errors.stream().map(e -> e.field().isEmpty() ? "request" : e.field()).distinct().collect(Collectors.joining(", "));
        }
    }

    /** 422 DuplicateValue: the value (often an e-mail) already belongs to another user. */
    record DuplicateValue(String field, String value, String description, String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.DUPLICATE_VALUE;
        }

        public String summary() {
            return "422 duplicate " + field;
        }
    }

    /** Which of Zendesk's budgets a 429 came from. */
    enum Limit { ACCOUNT, USER_WRITES, TICKET_UPDATES, JOBS, ENDPOINT }

    /** 429: the named budget is spent; Zendesk accepts the next request after {@code retryAfter}. */
    record RateLimited(Limit limit, Duration retryAfter, String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.RATE_LIMITED;
        }

        public String summary() {
            return "429 rate limited (" + limit.name().toLowerCase(java.util.Locale.ROOT) + "), retry after " + retryAfter.toSeconds() + " s";
        }
    }

    record ServerError(int status, Optional<Duration> retryAfter, String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.SERVER_ERROR;
        }

        public String summary() {
            return status + " server error";
        }
    }

    /** No answer: connection refused, reset, DNS, or a timeout. */
    record Transport(String cause, boolean timedOut, String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.TRANSPORT;
        }

        public String summary() {
            return (timedOut ? "timed out: " : "no connection: ") + cause;
        }
    }

    /** An answer this client cannot use: not JSON, an unexpected status (a redirect, 405, 413), or missing what it must hold. */
    record Unreadable(int status, String problem, String hint) implements ZendeskFailure {
        public Kind kind() {
            return Kind.UNREADABLE;
        }

        public String summary() {
            return "unreadable answer (" + status + "): " + problem;
        }
    }
}
