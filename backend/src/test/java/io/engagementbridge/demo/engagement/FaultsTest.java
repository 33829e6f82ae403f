package io.engagementbridge.demo.engagement;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

final class FaultsTest {

    @Test
    void every_hundred_calls_get_each_fault_in_its_stated_share_spread_out() {
        var faults = new Faults(30, 30, 10, 20, Duration.ofSeconds(30));
        var dealt = LongStream.range(1_000, 1_100).mapToObj(faults::forCall)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(dealt).isEqualTo(Map.of(Faults.Fault.SERVER_ERROR, 30L, Faults.Fault.RATE_LIMITED, 30L,
                Faults.Fault.HANG, 10L, Faults.Fault.INVALID_JSON, 20L, Faults.Fault.NONE, 10L));
        assertThat(LongStream.range(0, 10).mapToObj(faults::forCall).distinct().count()).isGreaterThan(2);
    }

    @Test
    void no_faults_answer_every_call() {
        assertThat(LongStream.range(0, 100).mapToObj(Faults.NONE::forCall)).containsOnly(Faults.Fault.NONE);
    }
}
