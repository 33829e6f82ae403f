package io.engagementbridge.zendesk;

import io.engagementbridge.ManualClock;
import io.engagementbridge.App;
import io.engagementbridge.zendesk.Decision.Permit;
import io.engagementbridge.zendesk.Decision.Wait;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;

import static io.engagementbridge.zendesk.ZendeskFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class GovernorTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @StartStop
    private final MockWebServer zendesk = new MockWebServer();
    private final ManualClock clock = new ManualClock(NOW);
    private final InMemoryGovernorLedger ledger = new InMemoryGovernorLedger();

    private Governor governor(int planPerMinute) {
        return new Governor("acme", planPerMinute, ledger, clock);
    }

    /** The most uses inside any window [t, t + length) of these sorted instants. */
    private static int busiestWindow(List<Instant> sorted, Duration length) {
        int most = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (!sorted.get(from).plus(length).isAfter(sorted.get(to))) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }

    /** A greedy caller: asks again at once after a permit, exactly at the given instant after a wait. */
    private List<Instant> drive(Governor governor, WriteKind kind, String key, Duration during) {
        var permits = new ArrayList<Instant>();
        var end = clock.instant().plus(during);
        while (clock.instant().isBefore(end)) {
            var decision = governor.acquire(kind, key);
            if (decision instanceof Wait wait) {
                assertThat(wait.until()).isAfter(clock.instant());
                clock.set(wait.until());
            } else {
                permits.add(clock.instant());
            }
        }
        return permits;
    }

    @Test
    void writes_to_one_user_never_exceed_five_in_any_rolling_minute_whatever_the_schedule() {
        var random = new Random(20261121);
        var governor = governor(2500);
        var users = List.of("u1", "U1 ", "u2", "u3", "u4", "u5", "u6", "u7");
        record Attempt(Instant at, String user) {
        }
        var due = new PriorityQueue<Attempt>((a, b) -> a.at().compareTo(b.at()));
        users.forEach(u -> due.add(new Attempt(NOW, u)));
        var granted = new HashMap<String, List<Instant>>();
        var end = NOW.plus(Duration.ofMinutes(30));
        while (due.peek().at().isBefore(end)) {
            var attempt = due.poll();
            clock.set(attempt.at());
            var decision = governor.acquire(WriteKind.USER_WRITE, attempt.user());
            var key = attempt.user().trim().toLowerCase();
            if (decision instanceof Permit) {
                granted.computeIfAbsent(key, k -> new ArrayList<>()).add(clock.instant());
                // Bursts (0 ms), quick follow-ups and pauses alike.
                var next = random.nextInt(4) == 0 ? 0 : random.nextInt(25_000);
                due.add(new Attempt(clock.instant().plusMillis(next), attempt.user()));
            } else {
                var until = ((Wait) decision).until();
                due.add(new Attempt(random.nextBoolean() ? until : until.plusMillis(random.nextInt(3_000)), attempt.user()));
            }
        }
        for (var entry : granted.entrySet()) {
            assertThat(busiestWindow(entry.getValue(), MINUTE)).as(entry.getKey()).isLessThanOrEqualTo(5);
        }
        // The bound binds: each user still gets close to 5 writes a minute (u1 is written under two spellings, one budget).
        assertThat(granted.get("u1")).hasSizeGreaterThanOrEqualTo(30 * 5 * 9 / 10);
        assertThat(granted.get("u2")).hasSizeGreaterThanOrEqualTo(30 * 5 * 3 / 4);
    }

    @Test
    void account_pace_reaches_ninety_percent_of_the_plan_without_ever_exceeding_it_in_a_minute() {
        var permits = drive(governor(700), WriteKind.READ, "", Duration.ofMinutes(10));

        assertThat(busiestWindow(permits, MINUTE)).isLessThanOrEqualTo(665);
        assertThat(permits.size()).isGreaterThanOrEqualTo(10 * 700 * 9 / 10);
        assertThat(busiestWindow(permits, Duration.ofSeconds(1))).as("spread over the minute").isLessThanOrEqualTo(12);
    }

    @Test
    void a_lower_limit_in_zendesk_headers_lowers_the_pace() {
        var governor = governor(700);
        governor.observe(RateLimitSignal.of(200, Headers.of("X-Rate-Limit", "400", "X-Rate-Limit-Remaining", "399"), Optional.empty(), Optional.empty()));

        var permits = drive(governor, WriteKind.READ, "", Duration.ofMinutes(5));

        assertThat(governor.requestsPerMinute()).isEqualTo(380);
        assertThat(busiestWindow(permits, MINUTE)).isLessThanOrEqualTo(380);
        assertThat(permits.size()).isGreaterThanOrEqualTo(5 * 400 * 9 / 10);
    }

    @Test
    void the_plan_ceiling_wins_over_a_higher_header() {
        var governor = governor(200);
        governor.observe(RateLimitSignal.of(200, Headers.of("X-Rate-Limit", "700"), Optional.empty(), Optional.empty()));

        assertThat(governor.requestsPerMinute()).isEqualTo(190);
    }

    @Test
    void a_nearly_spent_account_budget_pauses_until_zendesk_resets_it() {
        var governor = governor(700);
        governor.observe(RateLimitSignal.of(200, Headers.of("X-Rate-Limit", "700", "X-Rate-Limit-Remaining", "4", "ratelimit-reset", "20"),
                Optional.empty(), Optional.empty()));

        assertThat(governor.acquire(WriteKind.READ, "")).isEqualTo(new Wait(NOW.plusSeconds(20)));
    }

    @Test
    void retry_after_of_an_account_429_makes_every_call_wait_exactly_that_long() {
        var governor = governor(700);
        var client = ZendeskFixtures.client(zendesk, new ZendeskAuth.ApiToken("admin@acme.example", ZendeskFixtures.API_TOKEN),
                new InMemoryTokenVault(), governor, clock);
        zendesk.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "27").addHeader("X-Rate-Limit", "700")
                .addHeader("X-Rate-Limit-Remaining", "0").body("{\"error\":\"APIRateLimitExceeded\"}").build());

        catchThrowableOfType(ZendeskException.class, () -> client.showUser(1));

        assertThat(governor.acquire(WriteKind.READ, "")).isEqualTo(new Wait(NOW.plusSeconds(27)));
        assertThat(governor.acquire(WriteKind.USER_WRITE, "u1")).isEqualTo(new Wait(NOW.plusSeconds(27)));
        clock.advance(Duration.ofSeconds(27));
        assertThat(governor.acquire(WriteKind.READ, "")).isInstanceOf(Permit.class);
    }

    @Test
    void a_per_user_429_holds_back_only_that_user_for_its_retry_after() {
        var governor = governor(700);
        var client = ZendeskFixtures.client(zendesk, new ZendeskAuth.ApiToken("admin@acme.example", ZendeskFixtures.API_TOKEN),
                new InMemoryTokenVault(), governor, clock);
        zendesk.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "text/plain; charset=UTF-8").addHeader("Retry-After", "27")
                .addHeader("X-Rate-Limit", "700").addHeader("X-Rate-Limit-Remaining", "668")
                .body("You have exceeded the rate limit for updating a single unique user. user email:  id:  external_id: ").build());
        var permit = (Permit) governor.acquire(WriteKind.USER_WRITE, "account_12345");

        var failure = catchThrowableOfType(ZendeskException.class,
                () -> client.createOrUpdateUser(App.mapper().createObjectNode().put("external_id", "account_12345"))).failure();
        governor.throttled(permit, ((ZendeskFailure.RateLimited) failure).retryAfter());

        assertThat(governor.acquire(WriteKind.USER_WRITE, "account_12345")).isEqualTo(new Wait(NOW.plusSeconds(27)));
        assertThat(governor.acquire(WriteKind.USER_WRITE, "someone-else")).isInstanceOf(Permit.class);
        assertThat(governor.acquire(WriteKind.READ, "")).isInstanceOf(Permit.class);
    }

    @Test
    void one_ticket_takes_thirty_updates_per_ten_minutes() {
        var permits = drive(governor(700), WriteKind.TICKET_UPDATE, "4711", Duration.ofMinutes(30));

        assertThat(busiestWindow(permits, Duration.ofMinutes(10))).isEqualTo(30);
        assertThat(permits).hasSizeGreaterThanOrEqualTo(85);
    }

    @Test
    void ticket_updates_across_tickets_stay_under_a_hundred_a_minute() {
        var governor = governor(2500);
        var permits = new ArrayList<Instant>();
        var end = NOW.plus(Duration.ofMinutes(5));
        for (int ticket = 0; clock.instant().isBefore(end); ticket++) {
            var decision = governor.acquire(WriteKind.TICKET_UPDATE, String.valueOf(ticket % 500));
            if (decision instanceof Wait wait) {
                clock.set(wait.until());
            } else {
                permits.add(clock.instant());
            }
        }
        assertThat(busiestWindow(permits, MINUTE)).isLessThanOrEqualTo(95);
        assertThat(permits.size()).isGreaterThanOrEqualTo(5 * 90);
    }

    @Test
    void a_ticket_update_429_pauses_ticket_updates_but_not_user_writes() {
        var governor = governor(700);
        governor.observe(RateLimitSignal.of(429, Headers.of("Retry-After", "20", "X-Rate-Limit-Remaining", "500"), Optional.of(Duration.ofSeconds(20)),
                Optional.of(ZendeskFailure.Limit.TICKET_UPDATES)));

        assertThat(governor.acquire(WriteKind.TICKET_UPDATE, "1")).isEqualTo(new Wait(NOW.plusSeconds(20)));
        assertThat(governor.acquire(WriteKind.USER_WRITE, "u1")).isInstanceOf(Permit.class);
    }

    @Test
    void at_most_thirty_bulk_jobs_run_at_once_and_a_finished_job_frees_its_slot() {
        var governor = governor(2500);
        var held = new ArrayList<Permit>();
        for (int job = 0; job < 30; job++) {
            if (job % 10 == 0) {
                clock.advance(Duration.ofSeconds(1));
            }
            held.add((Permit) governor.acquire(WriteKind.BULK_JOB, "work-item-" + job));
        }
        clock.advance(Duration.ofSeconds(1));

        var refused = governor.acquire(WriteKind.BULK_JOB, "work-item-30");
        assertThat(refused).isInstanceOfSatisfying(Wait.class, wait -> assertThat(wait.until()).isAfter(clock.instant()));

        governor.release(held.get(7));
        assertThat(governor.acquire(WriteKind.BULK_JOB, "work-item-30")).isInstanceOf(Permit.class);
        assertThat(governor.acquire(WriteKind.BULK_JOB, "work-item-31")).isInstanceOf(Wait.class);
    }

    @Test
    void thirty_bulk_jobs_start_in_the_same_second_while_other_calls_keep_the_pace_and_no_minute_exceeds_the_plan() {
        var governor = governor(700);
        var round = new ArrayList<Permit>();
        for (int job = 0; job < 30; job++) {
            assertThat(governor.acquire(WriteKind.BULK_JOB, "round-1-" + job)).as("job " + job).isInstanceOfSatisfying(Permit.class, round::add);
        }
        assertThat(governor.acquire(WriteKind.READ, "")).as("a poll right after the round").isInstanceOf(Wait.class);
        round.forEach(governor::release);

        // All out for five minutes, two job posts to each poll, every job done at once: the minute's budget still holds.
        var permits = new ArrayList<Instant>();
        var end = clock.instant().plus(Duration.ofMinutes(5));
        for (int job = 0; clock.instant().isBefore(end); job++) {
            var kind = permits.size() % 3 == 0 ? WriteKind.READ : WriteKind.BULK_JOB;
            var decision = governor.acquire(kind, "job-" + job);
            if (decision instanceof Permit permit) {
                permits.add(clock.instant());
                governor.release(permit);
            } else {
                clock.set(((Wait) decision).until());
            }
        }
        assertThat(busiestWindow(permits, MINUTE)).isLessThanOrEqualTo(665);
        assertThat(busiestWindow(permits, Duration.ofSeconds(1))).isLessThanOrEqualTo(30);
        assertThat(permits.size()).isGreaterThanOrEqualTo(5 * 700 * 9 / 10);
    }

    @Test
    void a_call_refused_by_its_user_budget_spends_nothing_of_the_account_budget() {
        var governor = governor(20);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(governor.acquire(WriteKind.USER_WRITE, "u1")).isInstanceOf(Permit.class);
        }
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofMillis(100));
            assertThat(governor.acquire(WriteKind.USER_WRITE, "u1")).isInstanceOf(Wait.class);
        }
        var reads = drive(governor, WriteKind.READ, "", Duration.ofSeconds(40));

        assertThat(reads).hasSize(19 - 5);
    }

    @Test
    void reads_and_writes_share_one_account_budget() {
        var governor = governor(60);
        var permits = 0;
        for (int i = 0; i < 120; i++) {
            var kind = List.of(WriteKind.READ, WriteKind.USER_WRITE, WriteKind.TICKET_CREATE, WriteKind.OTHER_WRITE).get(i % 4);
            if (governor.acquire(kind, "k" + i) instanceof Permit) {
                permits++;
            }
            clock.advance(Duration.ofMillis(500));
        }
        assertThat(permits).isEqualTo(57);
    }

    @Test
    void keyed_kinds_need_a_key() {
        var governor = governor(700);
        var thrown = catchThrowableOfType(IllegalArgumentException.class, () -> governor.acquire(WriteKind.USER_WRITE, " "));
        assertThat(thrown).hasMessageContaining("USER_WRITE");
        assertThat(governor.acquire(WriteKind.READ, null)).isInstanceOf(Permit.class);
    }

    @Test
    void ledger_state_is_shared_by_governors_of_one_account_on_different_replicas() {
        var replicaA = governor(700);
        var replicaB = governor(700);
        for (int i = 0; i < 5; i++) {
            var replica = i % 2 == 0 ? replicaA : replicaB;
            assertThat(replica.acquire(WriteKind.USER_WRITE, "u1")).isInstanceOf(Permit.class);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(replicaB.acquire(WriteKind.USER_WRITE, "u1")).isEqualTo(new Wait(NOW.plus(MINUTE).plusSeconds(1)));
    }
}
