package io.engagementbridge.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time that runs {@code factor} times faster than the wall clock, shared by the Zendesk simulator and
 * the governor, so a benchmark covers many simulated minutes of Zendesk's per-minute limits in a
 * few real ones. Both sides read the same clock, so every limit is still enforced to the millisecond.
 */
public final class ScaledClock extends Clock {
    private final Instant start;
    private final long startNanos = System.nanoTime();
    private final int factor;

    public ScaledClock(Instant start, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, was " + factor);
        }
        this.start = start;
        this.factor = factor;
    }

    public int factor() {
        return factor;
    }

    /** Sleeps for {@code simulated} of this clock's time. */
    public void sleep(Duration simulated) throws InterruptedException {
        var nanos = simulated.toNanos() / factor;
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    @Override
    public Instant instant() {
        return start.plusNanos((System.nanoTime() - startNanos) * factor);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
