package io.engagementbridge.demo.zendeskapi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Endpoint limits (per user, per ticket, Update Ticket per account) as rolling windows: a request is
 * admitted when fewer than {@code limit} were admitted for the same key in the last {@code window}.
 * Stricter than a fixed window, so a client that paces for this never trips Zendesk either.
 */
final class RollingWindows {
    private final Map<String, ArrayDeque<Instant>> admitted = new HashMap<>();
    private final Map<String, Integer> peakByKind = new HashMap<>();

    synchronized Budget take(String key, Instant now, int limit, Duration window) {
        var times = admitted.computeIfAbsent(key, k -> new ArrayDeque<>());
        var horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
        if (times.size() >= limit) {
            return new Budget(false, limit, 0, secondsUntil(now, times.peekFirst().plus(window)));
        }
        times.addLast(now);
        peakByKind.merge(key.substring(0, key.indexOf(':') + 1), times.size(), Math::max);
        var resets = secondsUntil(now, times.peekFirst().plus(window));
        return new Budget(true, limit, limit - times.size(), resets);
    }

    /** Counts a request that was admitted under another key (a user created by this very request). */
    synchronized void record(String key, Instant now) {
        admitted.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
    }

    /** The most requests ever admitted for one key of this kind (e.g. {@code "user-write:"}) within one window. */
    synchronized int peak(String kind) {
        return peakByKind.getOrDefault(kind, 0);
    }

    private static long secondsUntil(Instant now, Instant then) {
        var millis = Duration.between(now, then).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
