package io.engagementbridge.config;

import java.time.Duration;

/** How long customer profiles live in the cache and how many are kept. */
public record CacheConfig(Duration ttl, Duration refreshAfter, Duration notFoundTtl, long maxEntries) {

    public static final CacheConfig DEFAULTS =
            new CacheConfig(Duration.ofMinutes(15), Duration.ofMinutes(2), Duration.ofSeconds(30), 50_000);

    public CacheConfig {
        requirePositive("BRIDGE_CACHE_TTL", ttl);
        requirePositive("BRIDGE_CACHE_REFRESH", refreshAfter);
        requirePositive("BRIDGE_CACHE_NOT_FOUND_TTL", notFoundTtl);
        if (refreshAfter.compareTo(ttl) >= 0) {
            throw new ConfigException("BRIDGE_CACHE_REFRESH (" + refreshAfter + ") must be shorter than BRIDGE_CACHE_TTL (" + ttl + ")");
        }
        if (maxEntries < 1) {
            throw new ConfigException("BRIDGE_CACHE_MAX_ENTRIES must be at least 1, was " + maxEntries);
        }
    }

    static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigException(name + " must be a positive duration, was " + value);
        }
    }
}
