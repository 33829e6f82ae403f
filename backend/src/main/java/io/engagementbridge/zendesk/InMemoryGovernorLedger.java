package io.engagementbridge.zendesk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link GovernorLedger} for one process: tests, and a single replica without a shared store. */
public final class InMemoryGovernorLedger implements GovernorLedger {
    /** When every slot is held, ask again this soon: holders usually release long before their hold lapses. */
    static final Duration HOLD_RECHECK = Duration.ofSeconds(5);

    private final Map<String, ArrayDeque<Instant>> uses = new HashMap<>();
    private final Map<String, Map<String, Instant>> holds = new HashMap<>();
    private final Map<String, Instant> blocks = new HashMap<>();

    @Override
    public synchronized Optional<Instant> tryAcquire(List<Claim> claims, Instant now) {
        Instant wait = null;
        for (var claim : claims) {
            var blocked = blocks.get(claim.bucket());
            if (blocked != null && blocked.isAfter(now)) {
                wait = later(wait, blocked);
            }
            if (claim instanceof Use use) {
                var log = recentUses(use, now);
                if (log.size() >= use.limit()) {
                    wait = later(wait, new ArrayList<>(log).get(log.size() - use.limit()).plus(use.window()));
                }
            } else if (claim instanceof Hold hold) {
                var held = currentHolds(hold.bucket(), now);
                if (!held.containsKey(hold.holder()) && held.size() >= hold.limit()) {
                    var firstLapse = held.values().stream().min(Instant::compareTo).orElse(now);
                    var recheck = now.plus(HOLD_RECHECK);
                    wait = later(wait, firstLapse.isBefore(recheck) ? firstLapse : recheck);
                }
            }
        }
        if (wait != null) {
            return Optional.of(wait);
        }
        for (var claim : claims) {
            if (claim instanceof Use use) {
                uses.computeIfAbsent(use.bucket(), b -> new ArrayDeque<>()).addLast(now);
            } else if (claim instanceof Hold hold) {
                holds.computeIfAbsent(hold.bucket(), b -> new HashMap<>()).put(hold.holder(), hold.expiresAt());
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void block(String bucket, Instant until) {
        blocks.merge(bucket, until, InMemoryGovernorLedger::later);
    }

    @Override
    public synchronized void postpone(String bucket, Instant recordedAt, Instant actualAt) {
        var log = uses.get(bucket);
        if (log != null && log.removeFirstOccurrence(recordedAt)) {
            var sorted = new ArrayList<>(log);
            sorted.add(actualAt.isAfter(recordedAt) ? actualAt : recordedAt);
            sorted.sort(Instant::compareTo);
            log.clear();
            log.addAll(sorted);
        }
    }

    @Override
    public synchronized void release(String bucket, String holder) {
        var held = holds.get(bucket);
        if (held != null) {
            held.remove(holder);
        }
    }

    private ArrayDeque<Instant> recentUses(Use use, Instant now) {
        var log = uses.computeIfAbsent(use.bucket(), b -> new ArrayDeque<>());
        var horizon = now.minus(use.window());
        while (!log.isEmpty() && !log.peekFirst().isAfter(horizon)) {
            log.removeFirst();
        }
        return log;
    }

    private Map<String, Instant> currentHolds(String bucket, Instant now) {
        var held = holds.computeIfAbsent(bucket, b -> new HashMap<>());
        held.values().removeIf(expiry -> !expiry.isAfter(now));
        return held;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
