package io.engagementbridge.work;

import io.engagementbridge.zendesk.ZendeskFailure;

import java.time.Duration;
import java.util.Optional;

/** What a handler says happened; the queue, not the handler, decides what comes next. */
public sealed interface Outcome {

    Outcome DONE = new Done();

    /** Why the work of a removed connection is dead-lettered, whatever its kind; {@link #CONNECTION_REMOVED_KIND} where reasons are counted by kind. */
    String CONNECTION_REMOVED = "the connection was removed before this work was done";
    String CONNECTION_REMOVED_KIND = "connection_removed";

    static Outcome retry(String reason) {
        return new Retry(Optional.empty(), reason);
    }

    static Outcome retryAfter(Duration after, String reason) {
        return new Retry(Optional.of(after), reason);
    }

    /**
     * Not attempted: a budget (a governor permit, Retry-After) said to come back at {@code after}. Waiting costs no
     * attempt, however often and however long, so an item that waits behind busy limits is never given up on.
     */
    static Outcome postpone(Duration after, String reason) {
        return new Postponed(after.isNegative() ? Duration.ZERO : after, reason);
    }

    static Outcome deadLetter(String reason) {
        return new DeadLetter(reason);
    }

    /** The work's connection is gone: nothing left to do it for (removing a connection deletes its work, so this is a race). */
    static Outcome connectionRemoved() {
        return deadLetter(CONNECTION_REMOVED);
    }

    /**
     * A Zendesk failure: a 429 postponed to its Retry-After (being throttled costs no attempt), transient ones retried, the
     * rest dead-lettered with their hint.
     */
    static Outcome of(ZendeskFailure failure) {
        return of(failure, failure.summary() + ": " + failure.hint());
    }

    /** As {@link #of(ZendeskFailure)}, dead-lettering with {@code deadLetterReason}. */
    static Outcome of(ZendeskFailure failure, String deadLetterReason) {
        if (failure instanceof ZendeskFailure.RateLimited limited) {
            return postpone(limited.retryAfter(), failure.summary());
        }
        return failure.retryable() ? retry(failure.summary()) : deadLetter(deadLetterReason);
    }

    record Done() implements Outcome {
    }

    /** Try again: after {@code after} exactly (e.g. Retry-After), else after the queue's backoff. */
    record Retry(Optional<Duration> after, String reason) implements Outcome {
    }

    /** Come back after {@code after}; the claim that led here does not count as an attempt. */
    record Postponed(Duration after, String reason) implements Outcome {
    }

    /** Never going to work as it is: kept with the reason, for an admin to fix and replay. */
    record DeadLetter(String reason) implements Outcome {
    }
}
