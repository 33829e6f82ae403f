package io.engagementbridge.demo.engagement;

import java.time.Duration;

/**
 * Failures the simulator deals out, in percent of API calls: 500s, 429s, calls left hanging for
 * {@code hangFor} (then answered 503), 200s whose body is not JSON, and 503s; plus, inside a batch that
 * is answered, the share of commands that fail on their own ({@code failedCommandPercent}). Dealt in a
 * fixed rotation that spreads each kind over every 100 calls (or commands), so runs repeat.
 */
public record Faults(int serverErrorPercent, int rateLimitedPercent, int hangPercent, int invalidJsonPercent, Duration hangFor,
                     int unavailablePercent, int failedCommandPercent) {
    public static final Faults NONE = new Faults(0, 0, 0, 0, Duration.ZERO);

    /** What one call gets. */
    public enum Fault { NONE, SERVER_ERROR, RATE_LIMITED, HANG, INVALID_JSON, UNAVAILABLE }

    public Faults {
        if (serverErrorPercent < 0 || rateLimitedPercent < 0 || hangPercent < 0 || invalidJsonPercent < 0 || unavailablePercent < 0
                || serverErrorPercent + rateLimitedPercent + hangPercent + invalidJsonPercent + unavailablePercent > 100) {
            throw new IllegalArgumentException("fault percentages must be zero or more and add up to at most 100");
        }
        if (failedCommandPercent < 0 || failedCommandPercent > 100) {
            throw new IllegalArgumentException("failedCommandPercent must be 0 to 100");
        }
        if (hangFor == null || hangFor.isNegative()) {
            throw new IllegalArgumentException("hangFor must be zero or positive");
        }
    }

    public Faults(int serverErrorPercent, int rateLimitedPercent, int hangPercent, int invalidJsonPercent, Duration hangFor) {
        this(serverErrorPercent, rateLimitedPercent, hangPercent, invalidJsonPercent, hangFor, 0, 0);
    }

    /** Only this share of batch commands fails (answered {@code success:false}, "Internal error"); calls themselves succeed. */
    public static Faults failedCommands(int percent) {
        return new Faults(0, 0, 0, 0, Duration.ZERO, 0, percent);
    }

    /** The fault for the {@code call}-th call (any counter): slot 37·n mod 100, which visits every slot once per 100 calls. */
    public Fault forCall(long call) {
        var slot = slot(call);
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
        if (slot < invalidJsonPercent) {
            return Fault.INVALID_JSON;
        }
        slot -= invalidJsonPercent;
        return slot < unavailablePercent ? Fault.UNAVAILABLE : Fault.NONE;
    }

    /** Whether the {@code command}-th batch command (any counter) fails on its own. */
    public boolean failsCommand(long command) {
        return slot(command) < failedCommandPercent;
    }

    private static int slot(long n) {
        return (int) Math.floorMod(n * 37, 100L);
    }
}
