package io.engagementbridge.config;

import java.time.Duration;

/** How long customer profiles live in the cache, and how many and how many (approximate) bytes of them are kept. */
public record CacheConfig(Duration ttl, Duration refreshAfter, Duration notFoundTtl, long maxEntries, long maxBytes) {

    public static final CacheConfig DEFAULTS =
            new CacheConfig(Duration.ofMinutes(15), Duration.ofMinutes(2), Duration.ofSeconds(30), 50_000, 256L * 1024 * 1024);

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
        if (maxBytes < 1024) {
            throw new ConfigException("BRIDGE_CACHE_MAX_BYTES must be at least 1024, was " + maxBytes);
        }
    }

    /** The least weight of an entry: maxBytes / maxEntries, rounded up. */
    public int minEntryWeight() {
        return (int) Math.min(Integer.MAX_VALUE, maxBytes / maxEntries + (maxBytes % maxEntries == 0 ? 0 : 1));
    }

    /** The cache's weight bound: maxBytes rounded up to a multiple of maxEntries, so exactly maxEntries light entries fit. */
    public long maxWeight() {
        return maxEntries * minEntryWeight();
    }

    static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigException(name + " must be a positive duration, was " + value);
        }
    }
}
