package io.engagementbridge.demo.zendeskapi;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulator answered: requests by "METHOD /path/template" and status code, and 429s by the
 * limit that refused them ({@code account}, {@code user_create_update}, {@code ticket_update_account},
 * {@code ticket_update_ticket}, {@code jobs}). Thread-safe.
 */
public final class SimulatorStats {
    private final Map<String, Map<Integer, LongAdder>> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rateLimited = new ConcurrentHashMap<>();

    void request(String route, int status) {
        requests.computeIfAbsent(route, key -> new ConcurrentHashMap<>()).computeIfAbsent(status, key -> new LongAdder()).increment();
    }

    void countRateLimited(String limit) {
        rateLimited.computeIfAbsent(limit, key -> new LongAdder()).increment();
    }

    /** Route → status code → count, sorted by route. */
    public Map<String, Map<Integer, Long>> requests() {
        var copy = new TreeMap<String, Map<Integer, Long>>();
        requests.forEach((route, byStatus) -> {
            var counts = new TreeMap<Integer, Long>();
            byStatus.forEach((status, count) -> counts.put(status, count.sum()));
            copy.put(route, counts);
        });
        return copy;
    }

    /** Answers for one route and status, e.g. {@code count("POST /api/v2/users/create_or_update", 201)}. */
    public long count(String route, int status) {
        var byStatus = requests.get(route);
        var count = byStatus == null ? null : byStatus.get(status);
        return count == null ? 0 : count.sum();
    }

    /** 429 answers by limit name. */
    public Map<String, Long> rateLimited() {
        var copy = new TreeMap<String, Long>();
        rateLimited.forEach((limit, count) -> copy.put(limit, count.sum()));
        return copy;
    }

    /** 429 answers of one limit. */
    public long rateLimitedBy(String limit) {
        var count = rateLimited.get(limit);
        return count == null ? 0 : count.sum();
    }

    public void reset() {
        requests.clear();
        rateLimited.clear();
    }
}
