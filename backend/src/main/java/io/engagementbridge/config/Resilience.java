package io.engagementbridge.config;

import java.time.Duration;

/**
 * How hard the backend tries before telling the agent Engagement is unavailable: retries with
 * jittered exponential backoff inside an overall deadline, and a per-host circuit breaker.
 */
public record Resilience(int maxRetries, Duration baseDelay, Duration maxDelay, Duration deadline,
                         int breakerFailures, int breakerWindow, Duration breakerOpenFor) {

    public static final Resilience DEFAULTS = new Resilience(2, Duration.ofMillis(100), Duration.ofSeconds(2),
            Duration.ofSeconds(6), 5, 10, Duration.ofSeconds(15));

    public Resilience {
        if (maxRetries < 0 || maxRetries > 10) {
            throw new ConfigException("BRIDGE_UPSTREAM_RETRIES must be between 0 and 10, was " + maxRetries);
        }
        CacheConfig.requirePositive("retry base delay", baseDelay);
        CacheConfig.requirePositive("retry max delay", maxDelay);
        CacheConfig.requirePositive("BRIDGE_UPSTREAM_DEADLINE", deadline);
        CacheConfig.requirePositive("BRIDGE_BREAKER_OPEN_FOR", breakerOpenFor);
        if (breakerFailures < 1 || breakerWindow < breakerFailures) {
            throw new ConfigException("circuit breaker needs 1 <= failures (" + breakerFailures + ") <= window (" + breakerWindow + ")");
        }
    }
}
