package io.engagementbridge.zendesk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The governor's shared state: sliding logs of uses, held slots and blocks, per named bucket. Every
 * method is ONE atomic step (one transaction on a database), so any number of workers and replicas can
 * share one account's budget. Times are the caller's clock; buckets are opaque strings.
 */
public interface GovernorLedger {

    /** A budget one call needs. */
    sealed interface Claim {
        String bucket();
    }

    /** At most {@code limit} uses of {@code bucket} in any window of length {@code window} (uses at t count within [t, t + window)). */
    record Use(String bucket, int limit, Duration window) implements Claim {
    }

    /** At most {@code limit} holders of {@code bucket} at once; a hold lapses at {@code expiresAt} unless released first. */
    record Hold(String bucket, int limit, String holder, Instant expiresAt) implements Claim {
    }

    /**
     * If every claim fits at {@code now} (no bucket blocked past {@code now}; fewer than {@code limit} uses
     * after {@code now - window}; fewer than {@code limit} unexpired holders, or this holder already holds),
     * records a use at {@code now} / the hold for each, and returns empty. Otherwise records NOTHING and
     * returns the earliest instant at which all could fit, as far as the ledger can tell (for a full hold:
     * the earliest expiry, at most a few seconds ahead, since holders release early).
     */
    Optional<Instant> tryAcquire(List<Claim> claims, Instant now);

    /** No claim on {@code bucket} fits before {@code until} (a later block wins over an earlier one). */
    void block(String bucket, Instant until);

    /** Moves one use of {@code bucket} recorded at {@code recordedAt} to {@code actualAt} (later); nothing happens when there is none. */
    void postpone(String bucket, Instant recordedAt, Instant actualAt);

    /** Ends {@code holder}'s hold on {@code bucket}; nothing happens when it holds none. */
    void release(String bucket, String holder);
}
