package io.engagementbridge.observability;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts per minute over the last hour, per named series, in memory: what the admin page's Limits chart
 * draws. Prometheus keeps the long history; this is only the hour an admin looks at, per backend process.
 */
public final class MinuteHistory {
    public static final int MINUTES = 60;

    private final Clock clock;
    private final Map<String, Series> series = new LinkedHashMap<>();

    /** The last hour of one series, oldest minute first; {@code counts[i]} is the minute starting at {@code from + i minutes}. */
    public record Window(Instant from, Map<String, long[]> counts) {
    }

    private static final class Series {
        private final long[] counts = new long[MINUTES];
        private final long[] minuteOf = new long[MINUTES];
    }

    public MinuteHistory(Clock clock) {
        this.clock = clock;
    }

    public synchronized void add(String name, long amount) {
        var minute = minute();
        var each = series.computeIfAbsent(name, n -> new Series());
        var slot = (int) Math.floorMod(minute, MINUTES);
        if (each.minuteOf[slot] != minute) {
            each.minuteOf[slot] = minute;
            each.counts[slot] = 0;
        }
        each.counts[slot] += amount;
    }

    /** Every series over the last {@link #MINUTES} minutes, the current minute last. */
    public synchronized Window lastHour() {
        var now = minute();
        var first = now - MINUTES + 1;
        var out = new LinkedHashMap<String, long[]>();
        series.forEach((name, each) -> {
            var counts = new long[MINUTES];
            for (int i = 0; i < MINUTES; i++) {
                var minute = first + i;
                var slot = (int) Math.floorMod(minute, MINUTES);
                counts[i] = each.minuteOf[slot] == minute ? each.counts[slot] : 0;
            }
            out.put(name, counts);
        });
        return new Window(Instant.ofEpochSecond(first * 60), out);
    }

    private long minute() {
        return Math.floorDiv(clock.millis(), 60_000L);
    }
}
