package io.engagementbridge.observability;

import io.engagementbridge.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The Limits chart's hour: counts land in their minute, the current minute last, and an hour later they are gone. */
final class MinuteHistoryTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T03:00:30Z"));
    private final MinuteHistory history = new MinuteHistory(clock);

    @Test
    void calls_count_in_the_minute_they_happened_and_the_window_ends_with_the_current_minute() {
        history.add("zendesk_requests", 3);
        clock.advance(Duration.ofMinutes(2));
        history.add("zendesk_requests", 1);
        history.add("zendesk_requests", 1);

        var window = history.lastHour();

        assertThat(window.from()).isEqualTo(Instant.parse("2026-12-01T02:03:00Z"));
        var counts = window.counts().get("zendesk_requests");
        assertThat(counts).hasSize(60);
        assertThat(counts[59]).isEqualTo(2);
        assertThat(counts[58]).isZero();
        assertThat(counts[57]).isEqualTo(3);
    }

    @Test
    void a_minute_older_than_an_hour_is_forgotten_even_when_its_slot_is_not_reused() {
        history.add("engagement_calls", 5);
        clock.advance(Duration.ofMinutes(60));

        assertThat(history.lastHour().counts().get("engagement_calls")).containsOnly(0L);
    }
}
