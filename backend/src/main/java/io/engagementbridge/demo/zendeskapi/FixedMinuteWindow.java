package io.engagementbridge.demo.zendeskapi;

import java.time.Instant;

/**
 * Zendesk's account limit: a count per clock minute, so {@code ratelimit-reset} is the time left in
 * the current minute and a client may spend the full budget again once it rolls over.
 */
final class FixedMinuteWindow {
    private long minute = Long.MIN_VALUE;
    private int used;

    synchronized Budget take(Instant now, int limit) {
        var current = now.getEpochSecond() / 60;
        if (current != minute) {
            minute = current;
            used = 0;
        }
        var reset = Math.max(1, (current + 1) * 60 - now.getEpochSecond());
        if (used >= limit) {
            return new Budget(false, limit, 0, reset);
        }
        used++;
        return new Budget(true, limit, limit - used, reset);
    }
}
