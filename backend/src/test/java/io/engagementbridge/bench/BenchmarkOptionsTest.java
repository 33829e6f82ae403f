package io.engagementbridge.bench;

import io.engagementbridge.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class BenchmarkOptionsTest {

    @Test
    void upstream_latency_is_150_ms_by_default() {
        assertThat(BenchmarkOptions.parse(List.of(), Map.of()).upstreamLatency()).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void flags_win_over_environment_variables() {
        var options = BenchmarkOptions.parse(List.of("--latency-ms", "20"), Map.of("BENCH_LATENCY_MS", "80", "BENCH_SECONDS", "4"));
        assertThat(options.upstreamLatency()).isEqualTo(Duration.ofMillis(20));
        assertThat(options.loadDuration()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void unknown_flags_are_refused_with_the_usage() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--latency", "20"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--latency-ms");
    }
}
