package io.engagementbridge.zendesk;

import io.engagementbridge.zendesk.GovernorLedger.Hold;
import io.engagementbridge.zendesk.GovernorLedger.Use;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The promises every {@link GovernorLedger} keeps; a database-backed ledger extends this class too. */
public abstract class GovernorLedgerContract {
    protected static final Instant T0 = Instant.parse("2026-11-21T10:15:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** A fresh, empty ledger. */
    protected abstract GovernorLedger ledger();

    @Test
    void uses_up_to_the_limit_fit_and_the_next_waits_until_the_oldest_leaves_the_window() {
        var ledger = ledger();
        var use = List.<GovernorLedger.Claim>of(new Use("user:acme:u1", 3, MINUTE));
        assertThat(ledger.tryAcquire(use, T0)).isEmpty();
        assertThat(ledger.tryAcquire(use, T0.plusSeconds(10))).isEmpty();
        assertThat(ledger.tryAcquire(use, T0.plusSeconds(20))).isEmpty();

        assertThat(ledger.tryAcquire(use, T0.plusSeconds(30))).contains(T0.plus(MINUTE));
        assertThat(ledger.tryAcquire(use, T0.plus(MINUTE).minusMillis(1))).contains(T0.plus(MINUTE));
        assertThat(ledger.tryAcquire(use, T0.plus(MINUTE))).isEmpty();
        assertThat(ledger.tryAcquire(use, T0.plus(MINUTE))).contains(T0.plusSeconds(70));
    }

    @Test
    void a_refused_acquire_records_nothing_in_any_bucket() {
        var ledger = ledger();
        assertThat(ledger.tryAcquire(List.of(new Use("b", 1, MINUTE)), T0)).isEmpty();

        assertThat(ledger.tryAcquire(List.of(new Use("a", 1, MINUTE), new Use("b", 1, MINUTE)), T0.plusSeconds(1))).contains(T0.plus(MINUTE));

        assertThat(ledger.tryAcquire(List.of(new Use("a", 1, MINUTE)), T0.plusSeconds(2))).isEmpty();
    }

    @Test
    void the_wait_is_the_latest_of_all_refusing_buckets() {
        var ledger = ledger();
        ledger.tryAcquire(List.of(new Use("a", 1, MINUTE)), T0);
        ledger.tryAcquire(List.of(new Use("b", 1, Duration.ofMinutes(10))), T0);

        assertThat(ledger.tryAcquire(List.of(new Use("a", 1, MINUTE), new Use("b", 1, Duration.ofMinutes(10))), T0.plusSeconds(1)))
                .contains(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void a_block_delays_every_claim_on_its_bucket_and_the_later_block_wins() {
        var ledger = ledger();
        ledger.block("account:acme", T0.plusSeconds(27));
        ledger.block("account:acme", T0.plusSeconds(5));

        assertThat(ledger.tryAcquire(List.of(new Use("account:acme", 100, MINUTE)), T0)).contains(T0.plusSeconds(27));
        assertThat(ledger.tryAcquire(List.of(new Use("other", 100, MINUTE)), T0)).isEmpty();
        assertThat(ledger.tryAcquire(List.of(new Use("account:acme", 100, MINUTE)), T0.plusSeconds(27))).isEmpty();
    }

    @Test
    void holds_count_until_released_or_lapsed_and_a_holder_takes_one_slot() {
        var ledger = ledger();
        var lapse = T0.plus(Duration.ofHours(1));
        assertThat(ledger.tryAcquire(List.of(new Hold("jobs:acme", 2, "job-a", lapse)), T0)).isEmpty();
        assertThat(ledger.tryAcquire(List.of(new Hold("jobs:acme", 2, "job-a", lapse)), T0)).isEmpty();
        assertThat(ledger.tryAcquire(List.of(new Hold("jobs:acme", 2, "job-b", lapse)), T0)).isEmpty();

        var full = ledger.tryAcquire(List.of(new Hold("jobs:acme", 2, "job-c", lapse)), T0);
        assertThat(full).hasValueSatisfying(at -> assertThat(at).isAfter(T0).isBeforeOrEqualTo(lapse));

        ledger.release("jobs:acme", "job-a");
        ledger.release("jobs:acme", "never-held");
        assertThat(ledger.tryAcquire(List.of(new Hold("jobs:acme", 2, "job-c", lapse)), T0.plusSeconds(1))).isEmpty();
        assertThat(ledger.tryAcquire(List.of(new Hold("jobs:acme", 2, "job-d", lapse)), T0.plusSeconds(2))).isPresent();
        assertThat(ledger.tryAcquire(List.of(new Hold("jobs:acme", 2, "job-d", lapse.plusSeconds(3600))), lapse)).isEmpty();
    }

    @Test
    void a_postponed_use_leaves_the_window_later() {
        var ledger = ledger();
        var use = List.<GovernorLedger.Claim>of(new Use("user:acme:u9", 1, MINUTE));
        assertThat(ledger.tryAcquire(use, T0)).isEmpty();
        ledger.postpone("user:acme:u9", T0, T0.plusSeconds(4));
        assertThat(ledger.tryAcquire(use, T0.plus(MINUTE))).contains(T0.plus(MINUTE).plusSeconds(4));
        assertThat(ledger.tryAcquire(use, T0.plus(MINUTE).plusSeconds(4))).isEmpty();
    }
}
