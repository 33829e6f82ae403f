package io.engagementbridge.logging;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Per key, lets one occurrence through per interval and counts the others, for the next one let through to report. */
final class Repeats {
    /** What {@link #next} says of an occurrence that is to be left out. */
    static final long LEAVE_OUT = -1;

    private record Window(long startedNanos, AtomicLong leftOut) {
    }

    private final Duration interval;
    private final Ticker ticker;
    private final Cache<String, Window> windows = Caffeine.newBuilder().maximumSize(10_000).build();

    Repeats(Duration interval, Ticker ticker) {
        this.interval = interval;
        this.ticker = ticker;
    }

    /** {@link #LEAVE_OUT}, or how many occurrences of {@code key} were left out since the last one let through. */
    long next(String key) {
        var now = ticker.read();
        var result = new long[] {LEAVE_OUT};
        windows.asMap().compute(key, (k, window) -> {
            if (window != null && now - window.startedNanos() < interval.toNanos()) {
                window.leftOut().incrementAndGet();
                return window;
            }
            result[0] = window == null ? 0 : window.leftOut().get();
            return new Window(now, new AtomicLong());
        });
        return result[0];
    }
}
