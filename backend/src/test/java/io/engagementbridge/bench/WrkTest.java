package io.engagementbridge.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class WrkTest {

    @Test
    void result_line_gives_percentiles_throughput_and_errors() {
        var result = Wrk.parse("Running 10s test @ http://127.0.0.1:1/sidebar\n  2 threads and 16 connections\nRESULT 410 1200 2500 50000 10000000 3\n");
        assertThat(result.p50()).isEqualTo(Duration.ofNanos(410_000));
        assertThat(result.p95()).isEqualTo(Duration.ofNanos(1_200_000));
        assertThat(result.p99()).isEqualTo(Duration.ofNanos(2_500_000));
        assertThat(result.requestsPerSecond()).isEqualTo(5_000.0);
        assertThat(result.errors()).isEqualTo(3);
    }

    @Test
    void output_without_a_result_line_is_an_error() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Connection refused");
    }
}
