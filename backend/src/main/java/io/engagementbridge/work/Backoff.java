package io.engagementbridge.work;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with ±25% jitter between a base and a cap, by the attempts made so far. */
public record Backoff(Duration base, Duration cap) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10));

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, was " + base + " and " + cap);
        }
    }

    public Duration after(int attempts) {
        var exponent = Math.min(Math.max(attempts - 1, 0), 30);
        var nanos = Math.min(base.toNanos() * (1L << Math.min(exponent, 20)), cap.toNanos());
        return Duration.ofNanos((long) (nanos * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5)));
    }
}
