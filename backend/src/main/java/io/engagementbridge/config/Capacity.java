package io.engagementbridge.config;

import java.time.Duration;

/**
 * What one sidebar request, and the backend as a whole, may spend upstream: one deadline per request
 * covering every lookup and retry, how many identifiers a request may look up, how many calls may be
 * in flight to one Engagement host, and how many background refreshes run at once (spread over a
 * random delay of up to {@code refreshJitter}).
 */
public record Capacity(Duration sidebarDeadline, int maxIdentifiers, int upstreamMaxPerHost, int refreshConcurrency,
                       Duration refreshJitter) {

    public static final Capacity DEFAULTS = new Capacity(Duration.ofSeconds(6), 5, 64, 4, Duration.ofSeconds(30));

    public Capacity {
        CacheConfig.requirePositive("BRIDGE_SIDEBAR_DEADLINE", sidebarDeadline);
        if (maxIdentifiers < 1 || maxIdentifiers > 50) {
            throw new ConfigException("BRIDGE_MAX_IDENTIFIERS must be between 1 and 50, was " + maxIdentifiers);
        }
        if (upstreamMaxPerHost < 1 || upstreamMaxPerHost > 10_000) {
            throw new ConfigException("BRIDGE_UPSTREAM_MAX_PER_HOST must be between 1 and 10000, was " + upstreamMaxPerHost);
        }
        if (refreshConcurrency < 1 || refreshConcurrency > upstreamMaxPerHost) {
            throw new ConfigException("BRIDGE_REFRESH_CONCURRENCY must be between 1 and BRIDGE_UPSTREAM_MAX_PER_HOST ("
                    + upstreamMaxPerHost + "), was " + refreshConcurrency);
        }
        if (refreshJitter == null || refreshJitter.isNegative()) {
            throw new ConfigException("BRIDGE_REFRESH_JITTER must be zero or a positive duration, was " + refreshJitter);
        }
    }

    /**
     * The shared HTTP client's per-host limit. A background refresh makes at most two calls at once (fields
     * and interactions), so reserving that much on top of {@link #upstreamMaxPerHost} means background work
     * can never take a slot a foreground open needs.
     */
    public int dispatcherMaxPerHost() {
        return upstreamMaxPerHost + 2 * refreshConcurrency;
    }

    public Capacity withSidebarDeadline(Duration deadline) {
        return new Capacity(deadline, maxIdentifiers, upstreamMaxPerHost, refreshConcurrency, refreshJitter);
    }

    public Capacity withRefresh(int concurrency, Duration jitter) {
        return new Capacity(sidebarDeadline, maxIdentifiers, upstreamMaxPerHost, concurrency, jitter);
    }
}
