package io.engagementbridge.demo.engagement;

import java.time.Duration;

/**
 * Failures the simulator deals out, in percent of API calls: 500s, 429s, calls left hanging for
 * {@code hangFor} (then answered 503), and 200s whose body is not JSON. Dealt in a fixed rotation
 * that spreads each kind over every 100 calls, so runs repeat.
 */
public record Faults(int serverErrorPercent, int rateLimitedPercent, int hangPercent, int invalidJsonPercent, Duration hangFor) {
    public static final Faults NONE = new Faults(0, 0, 0, 0, Duration.ZERO);

    /** What one call gets. */
    public enum Fault { NONE, SERVER_ERROR, RATE_LIMITED, HANG, INVALID_JSON }

    public Faults {
        if (serverErrorPercent < 0 || rateLimitedPercent < 0 || hangPercent < 0 || invalidJsonPercent < 0
                || serverErrorPercent + rateLimitedPercent + hangPercent + invalidJsonPercent > 100) {
            throw new IllegalArgumentException("fault percentages must be zero or more and add up to at most 100");
        }
        if (hangFor == null || hangFor.isNegative()) {
            throw new IllegalArgumentException("hangFor must be zero or positive");
        }
    }

    /** The fault for the {@code call}-th call (any counter): slot 37·n mod 100, which visits every slot once per 100 calls. */
    public Fault forCall(long call) {
        var slot = (int) Math.floorMod(call * 37, 100L);
        if (slot < serverErrorPercent) {
            return Fault.SERVER_ERROR;
        }
        slot -= serverErrorPercent;
        if (slot < rateLimitedPercent) {
            return Fault.RATE_LIMITED;
        }
        slot -= rateLimitedPercent;
        if (slot < hangPercent) {
            return Fault.HANG;
        }
        slot -= hangPercent;
        return slot < invalidJsonPercent ? Fault.INVALID_JSON : Fault.NONE;
    }
}
