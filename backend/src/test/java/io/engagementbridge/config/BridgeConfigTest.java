package io.engagementbridge.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class BridgeConfigTest {

    @Test
    void cache_is_bounded_by_256_mib_and_50000_entries_by_default() {
        var cache = BridgeConfig.fromEnv(Map.of()).cache();
        assertThat(cache.maxBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(cache.maxEntries()).isEqualTo(50_000);
    }

    @Test
    void cache_byte_bound_is_read_from_the_environment_beyond_32_bits() {
        var cache = BridgeConfig.fromEnv(Map.of("BRIDGE_CACHE_MAX_BYTES", "8589934592", "BRIDGE_CACHE_MAX_ENTRIES", "1000")).cache();
        assertThat(cache.maxBytes()).isEqualTo(8L * 1024 * 1024 * 1024);
        assertThat(cache.maxEntries()).isEqualTo(1000);
    }

    @Test
    void unusable_byte_bounds_name_the_variable() {
        assertThatThrownBy(() -> BridgeConfig.fromEnv(Map.of("BRIDGE_CACHE_MAX_BYTES", "lots")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_CACHE_MAX_BYTES");
        assertThatThrownBy(() -> BridgeConfig.fromEnv(Map.of("BRIDGE_CACHE_MAX_BYTES", "100")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_CACHE_MAX_BYTES");
        assertThatThrownBy(() -> BridgeConfig.fromEnv(Map.of("BRIDGE_CACHE_MAX_ENTRIES", "3000000000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_CACHE_MAX_ENTRIES");
    }

    @Test
    void weight_bound_holds_exactly_max_entries_of_the_minimum_weight_and_about_max_bytes() {
        var cache = CacheConfig.DEFAULTS;
        var bounded = new CacheConfig(cache.ttl(), cache.refreshAfter(), cache.notFoundTtl(), 4, 10_001);
        assertThat(bounded.minEntryWeight()).isEqualTo(2_501);
        assertThat(bounded.maxWeight() / bounded.minEntryWeight()).isEqualTo(4);
        assertThat(bounded.maxWeight()).isBetween(10_001L, 10_001L + 3);
    }

    @Test
    void zendesk_calls_are_limited_to_zendesk_hosts_over_https_unless_configured() {
        var policy = BridgeConfig.zendeskHosts(Map.of());
        assertThat(policy.rejection(okhttp3.HttpUrl.get("https://acme.zendesk.com/api/v2/users"))).isEmpty();
        assertThat(policy.rejection(okhttp3.HttpUrl.get("http://acme.zendesk.com/api/v2/users"))).isPresent();
        assertThat(policy.rejection(okhttp3.HttpUrl.get("https://acme.exponea.com/api/v2/users"))).isPresent();
        var own = BridgeConfig.zendeskHosts(Map.of("BRIDGE_ZENDESK_HOSTS", "support.example.com"));
        assertThat(own.rejection(okhttp3.HttpUrl.get("https://support.example.com/api/v2/users"))).isEmpty();
        assertThat(own.rejection(okhttp3.HttpUrl.get("https://acme.zendesk.com/api/v2/users"))).isPresent();
    }

    @Test
    void relay_batches_fill_for_a_minute_unless_configured_and_a_linger_out_of_range_names_the_variable() {
        assertThat(WriteSideConfig.fromEnv(Map.of()).relayLinger()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(WriteSideConfig.fromEnv(Map.of("BRIDGE_RELAY_LINGER", "PT0.5S")).relayLinger()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThatThrownBy(() -> WriteSideConfig.fromEnv(Map.of("BRIDGE_RELAY_LINGER", "PT2M")))
                .isInstanceOf(ConfigException.class).hasMessage("BRIDGE_RELAY_LINGER must be between PT0S and PT1M, was PT2M");
        assertThatThrownBy(() -> WriteSideConfig.fromEnv(Map.of("BRIDGE_RELAY_LINGER", "10 seconds")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_RELAY_LINGER must be an ISO-8601 duration");
    }

    @Test
    void sidebar_deadline_identifier_limit_and_upstream_limits_are_read_and_checked() {
        var capacity = BridgeConfig.fromEnv(Map.of("BRIDGE_SIDEBAR_DEADLINE", "PT4S", "BRIDGE_MAX_IDENTIFIERS", "3",
                "BRIDGE_UPSTREAM_MAX_PER_HOST", "100", "BRIDGE_REFRESH_CONCURRENCY", "8", "BRIDGE_REFRESH_JITTER", "PT0S")).capacity();
        assertThat(capacity).isEqualTo(new Capacity(java.time.Duration.ofSeconds(4), 3, 100, 8, java.time.Duration.ZERO));
        assertThat(capacity.dispatcherMaxPerHost()).isEqualTo(116);
        assertThatThrownBy(() -> BridgeConfig.fromEnv(Map.of("BRIDGE_MAX_IDENTIFIERS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_MAX_IDENTIFIERS");
        assertThatThrownBy(() -> BridgeConfig.fromEnv(Map.of("BRIDGE_REFRESH_CONCURRENCY", "65")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_REFRESH_CONCURRENCY");
        assertThatThrownBy(() -> BridgeConfig.fromEnv(Map.of("BRIDGE_SIDEBAR_DEADLINE", "6s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_SIDEBAR_DEADLINE");
    }
}
