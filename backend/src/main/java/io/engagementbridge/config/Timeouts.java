package io.engagementbridge.config;

import java.time.Duration;

/**
 * Upstream HTTP timeouts: connect, per-read, and the whole call, per attempt. Short enough that a
 * hanging host costs one attempt of a few seconds and a retry still fits the sidebar's deadline.
 */
public record Timeouts(Duration connect, Duration read, Duration call) {

    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3));

    public Timeouts {
        CacheConfig.requirePositive("BRIDGE_CONNECT_TIMEOUT", connect);
        CacheConfig.requirePositive("BRIDGE_READ_TIMEOUT", read);
        CacheConfig.requirePositive("BRIDGE_CALL_TIMEOUT", call);
    }
}
