package io.engagementbridge.bench;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

final class ZipfSamplerTest {

    @Test
    void same_seed_draws_the_same_ranks() {
        assertThat(new ZipfSampler(200, 1.1, 42).next(1_000)).isEqualTo(new ZipfSampler(200, 1.1, 42).next(1_000));
    }

    @Test
    void another_seed_draws_other_ranks() {
        assertThat(new ZipfSampler(200, 1.1, 42).next(1_000)).isNotEqualTo(new ZipfSampler(200, 1.1, 43).next(1_000));
    }

    @Test
    void ranks_stay_in_range_and_the_first_is_drawn_most() {
        var ranks = new ZipfSampler(200, 1.1, 7).next(10_000);
        var counts = new int[200];
        Arrays.stream(ranks).forEach(rank -> counts[rank]++);
        assertThat(Arrays.stream(ranks).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(ranks).max().orElseThrow()).isLessThan(200);
        assertThat(counts[0]).isEqualTo(Arrays.stream(counts).max().orElseThrow()).isGreaterThan(counts[9] * 5);
    }
}
