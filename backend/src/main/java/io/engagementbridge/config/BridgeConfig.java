package io.engagementbridge.config;

import io.engagementbridge.engagement.HostPolicy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Operator configuration, read once from environment variables and validated fail-fast.
 * Installation settings never live here: they arrive with every sidebar request.
 */
public record BridgeConfig(
        int port,
        HostPolicy hostPolicy,
        CacheConfig cache,
        Timeouts timeouts,
        Resilience resilience,
        CallerPolicy callers,
        long maxRequestBytes,
        Capacity capacity) {

    public static final String DEFAULT_ALLOWED_HOSTS = "*.exponea.com,*.bloomreach.com";
    public static final String DEFAULT_ZENDESK_HOSTS = "*.zendesk.com";

    public BridgeConfig {
        if (port < 0 || port > 65535) {
            throw new ConfigException("BRIDGE_PORT must be between 0 and 65535, was " + port);
        }
        if (maxRequestBytes < 1024) {
            throw new ConfigException("BRIDGE_MAX_REQUEST_BYTES must be at least 1024, was " + maxRequestBytes);
        }
    }

    public static BridgeConfig fromEnv(Map<String, String> env) {
        var hosts = hostList(env.getOrDefault("BRIDGE_ALLOWED_HOSTS", DEFAULT_ALLOWED_HOSTS));
        return new BridgeConfig(
                intValue(env, "BRIDGE_PORT", 8080),
                new HostPolicy(hosts, booleanValue(env, "BRIDGE_ALLOW_HTTP_LOOPBACK")),
                new CacheConfig(
                        duration(env, "BRIDGE_CACHE_TTL", CacheConfig.DEFAULTS.ttl()),
                        duration(env, "BRIDGE_CACHE_REFRESH", CacheConfig.DEFAULTS.refreshAfter()),
                        duration(env, "BRIDGE_CACHE_NOT_FOUND_TTL", CacheConfig.DEFAULTS.notFoundTtl()),
                        intValue(env, "BRIDGE_CACHE_MAX_ENTRIES", (int) CacheConfig.DEFAULTS.maxEntries()),
                        longValue(env, "BRIDGE_CACHE_MAX_BYTES", CacheConfig.DEFAULTS.maxBytes())),
                new Timeouts(
                        duration(env, "BRIDGE_CONNECT_TIMEOUT", Timeouts.DEFAULTS.connect()),
                        duration(env, "BRIDGE_READ_TIMEOUT", Timeouts.DEFAULTS.read()),
                        duration(env, "BRIDGE_CALL_TIMEOUT", Timeouts.DEFAULTS.call())),
                new Resilience(
                        intValue(env, "BRIDGE_UPSTREAM_RETRIES", Resilience.DEFAULTS.maxRetries()),
                        Resilience.DEFAULTS.baseDelay(), Resilience.DEFAULTS.maxDelay(),
                        duration(env, "BRIDGE_UPSTREAM_DEADLINE", Resilience.DEFAULTS.deadline()),
                        Resilience.DEFAULTS.breakerFailures(), Resilience.DEFAULTS.breakerWindow(),
                        duration(env, "BRIDGE_BREAKER_OPEN_FOR", Resilience.DEFAULTS.breakerOpenFor())),
                CallerPolicy.fromEnv(env.get("BRIDGE_JWT_SECRETS"), env.get("BRIDGE_PUBLIC_URL"),
                        intValue(env, "BRIDGE_RATE_LIMIT_PER_MINUTE", CallerPolicy.OPEN.ratePerMinute())),
                intValue(env, "BRIDGE_MAX_REQUEST_BYTES", 256 * 1024),
                new Capacity(
                        duration(env, "BRIDGE_SIDEBAR_DEADLINE", Capacity.DEFAULTS.sidebarDeadline()),
                        intValue(env, "BRIDGE_MAX_IDENTIFIERS", Capacity.DEFAULTS.maxIdentifiers()),
                        intValue(env, "BRIDGE_UPSTREAM_MAX_PER_HOST", Capacity.DEFAULTS.upstreamMaxPerHost()),
                        intValue(env, "BRIDGE_REFRESH_CONCURRENCY", Capacity.DEFAULTS.refreshConcurrency()),
                        duration(env, "BRIDGE_REFRESH_JITTER", Capacity.DEFAULTS.refreshJitter())));
    }

    /** Which Zendesk URLs the write side may call: HTTPS on {@code BRIDGE_ZENDESK_HOSTS}, plain-HTTP loopback when allowed for demos. */
    public static HostPolicy zendeskHosts(Map<String, String> env) {
        return new HostPolicy(hostList(env.getOrDefault("BRIDGE_ZENDESK_HOSTS", DEFAULT_ZENDESK_HOSTS)), booleanValue(env, "BRIDGE_ALLOW_HTTP_LOOPBACK"));
    }

    /** An environment variable's value, trimmed; null when unset or blank. */
    /** {@code BRIDGE_WARM_UP} (default true): run sidebar opens through a private copy of the stack before {@code serve} listens. */
    public static boolean warmUp(Map<String, String> env) {
        return optional(env, "BRIDGE_WARM_UP") == null || booleanValue(env, "BRIDGE_WARM_UP");
    }

    static String optional(Map<String, String> env, String name) {
        var value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> hostList(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
    }

    /** A configuration for tests and the demo: loopback upstreams allowed, defaults elsewhere. */
    public static BridgeConfig forLoopback(int port) {
        return new BridgeConfig(port, new HostPolicy(List.of(), true), CacheConfig.DEFAULTS, Timeouts.DEFAULTS, Resilience.DEFAULTS, CallerPolicy.OPEN, 256 * 1024,
                Capacity.DEFAULTS);
    }

    public BridgeConfig withCache(CacheConfig cache) {
        return new BridgeConfig(port, hostPolicy, cache, timeouts, resilience, callers, maxRequestBytes, capacity);
    }

    public BridgeConfig withTimeouts(Timeouts timeouts) {
        return new BridgeConfig(port, hostPolicy, cache, timeouts, resilience, callers, maxRequestBytes, capacity);
    }

    public BridgeConfig withCallers(CallerPolicy callers) {
        return new BridgeConfig(port, hostPolicy, cache, timeouts, resilience, callers, maxRequestBytes, capacity);
    }

    public BridgeConfig withResilience(Resilience resilience) {
        return new BridgeConfig(port, hostPolicy, cache, timeouts, resilience, callers, maxRequestBytes, capacity);
    }

    public BridgeConfig withCapacity(Capacity capacity) {
        return new BridgeConfig(port, hostPolicy, cache, timeouts, resilience, callers, maxRequestBytes, capacity);
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        var value = longValue(env, name, fallback);
        if (value != (int) value) {
            throw new ConfigException(name + " is out of range, was " + value);
        }
        return (int) value;
    }

    private static long longValue(Map<String, String> env, String name, long fallback) {
        var raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, was '" + raw + "'");
        }
    }

    private static boolean booleanValue(Map<String, String> env, String name) {
        var raw = env.getOrDefault(name, "false").trim();
        if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
            throw new ConfigException(name + " must be true or false, was '" + raw + "'");
        }
        return Boolean.parseBoolean(raw);
    }

    static Duration duration(Map<String, String> env, String name, Duration fallback) {
        var raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException(name + " must be an ISO-8601 duration such as PT5M, was '" + raw + "'");
        }
    }
}
