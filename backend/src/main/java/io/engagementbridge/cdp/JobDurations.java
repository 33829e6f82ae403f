package io.engagementbridge.cdp;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How long this run's bulk jobs took, by size: the shortest seen per row count, from the post to the poll that
 * saw the job done. Zendesk queues a job for a while, then works its rows one after another, so a job's time
 * grows with its rows from a fixed start: a job of n rows takes no longer than a bigger one and no less than
 * n/m of a job of m ≥ n rows. That bounds a size not seen yet (the last round's smaller jobs) from those seen.
 */
final class JobDurations {
    private final TreeMap<Integer, Duration> shortest = new TreeMap<>();

    void record(int rows, Duration took) {
        shortest.merge(rows, took, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    boolean known() {
        return !shortest.isEmpty();
    }

    /** The soonest a job of {@code rows} can be done; empty before any job was seen done. */
    Optional<Duration> soonest(int rows) {
        Duration bound = null;
        for (Map.Entry<Integer, Duration> seen : shortest.entrySet()) {
            var lower = seen.getKey() <= rows ? seen.getValue() : seen.getValue().multipliedBy(rows).dividedBy(seen.getKey());
            bound = bound == null || lower.compareTo(bound) > 0 ? lower : bound;
        }
        return Optional.ofNullable(bound);
    }

    /** The latest a job of {@code rows} should be done, going by the jobs seen; empty before any was seen done. */
    Optional<Duration> latest(int rows) {
        Duration bound = null;
        for (Map.Entry<Integer, Duration> seen : shortest.entrySet()) {
            var upper = seen.getKey() >= rows ? seen.getValue() : seen.getValue().multipliedBy(rows).dividedBy(seen.getKey());
            bound = bound == null || upper.compareTo(bound) < 0 ? upper : bound;
        }
        return Optional.ofNullable(bound);
    }
}
