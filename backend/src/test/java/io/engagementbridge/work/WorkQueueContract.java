package io.engagementbridge.work;

import io.engagementbridge.ManualClock;
import io.engagementbridge.connection.TestConnections;
import io.engagementbridge.store.Database;
import io.engagementbridge.store.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The work queue's promises; run once on SQLite and once on PostgreSQL. */
abstract class WorkQueueContract {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(1);

    @TempDir
    Path dir;
    Database database;
    WorkRepository work;

    abstract StoreConfig config(Path dir);

    @BeforeEach
    void open() {
        database = Database.open(config(dir));
        TestConnections.insert(database, "c_one");
        TestConnections.insert(database, "c_two");
        work = new WorkRepository(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static NewWork item(String key, String idempotency) {
        return new NewWork("c_one", "upsert_user", key, "{\"n\":\"" + idempotency + "\"}", idempotency);
    }

    @Test
    void enqueueing_the_same_idempotency_key_twice_stores_one_item() {
        assertThat(work.enqueue(item("user:1", "m-1"), T0)).isTrue();
        assertThat(work.enqueue(item("user:1", "m-1"), T0)).isFalse();
        assertThat(work.countsByState()).containsEntry(WorkState.PENDING, 1L);
    }

    @Test
    void the_same_idempotency_key_on_two_connections_is_two_items() {
        work.enqueue(item("user:1", "m-1"), T0);
        work.enqueue(new NewWork("c_two", "upsert_user", "user:1", "{}", "m-1"), T0);
        assertThat(work.countsByState()).containsEntry(WorkState.PENDING, 2L);
    }

    @Test
    void only_the_oldest_unfinished_item_of_a_key_is_claimable() {
        work.enqueue(item("user:1", "a"), T0);
        work.enqueue(item("user:1", "b"), T0);
        work.enqueue(item("user:2", "c"), T0);

        var first = work.claim(Set.of("upsert_user"), 10, "w1", T0, LEASE);
        assertThat(first).extracting(WorkItem::idempotencyKey).containsExactly("a", "c");
        assertThat(work.claim(Set.of("upsert_user"), 10, "w2", T0, LEASE)).isEmpty();

        work.complete(first.get(0).id(), "w1", T0);
        assertThat(work.claim(Set.of("upsert_user"), 10, "w2", T0, LEASE)).extracting(WorkItem::idempotencyKey).containsExactly("b");
    }

    @Test
    void a_postponed_item_comes_back_when_asked_without_spending_an_attempt() {
        work.enqueue(item("user:1", "a"), T0);
        for (int wait = 1; wait <= 20; wait++) {
            var claimed = work.claim(Set.of("upsert_user"), 1, "w1", T0.plusSeconds(wait - 1), LEASE);
            assertThat(claimed).singleElement().satisfies(it -> assertThat(it.attempts()).isEqualTo(1));
            assertThat(work.postpone(claimed.get(0).id(), "w1", T0.plusSeconds(wait), "waiting for a permit", T0)).isTrue();
            assertThat(work.claim(Set.of("upsert_user"), 1, "w1", T0.plusSeconds(wait).minusMillis(1), LEASE)).as("not before it was asked to").isEmpty();
        }
    }

    @Test
    void due_heads_count_only_items_first_in_their_keys_line() {
        work.enqueue(item("ticket:1", "a"), T0);
        work.enqueue(item("ticket:1", "b"), T0.plusSeconds(1));
        work.enqueue(item("ticket:2", "c"), T0.plusSeconds(2));
        work.enqueue(item("ticket:3", "d"), T0, T0.plusSeconds(30));

        var heads = work.dueHeads(Set.of("upsert_user"), T0.plusSeconds(5));

        assertThat(heads.items()).isEqualTo(2);
        assertThat(heads.oldest()).hasValue(T0);
        assertThat(heads.newest()).hasValue(T0.plusSeconds(2));
        assertThat(work.notYetDue(Set.of("upsert_user"), T0.plusSeconds(5)).oldest()).hasValue(T0.plusSeconds(30));
    }

    @Test
    void work_in_hand_leaves_out_items_whose_follow_up_already_waits_in_its_line() {
        work.enqueue(new NewWork("c_one", "read", "read:1", "{}", "r1"), T0);
        work.enqueue(new NewWork("c_one", "read", "read:2", "{}", "r2"), T0);
        work.enqueue(new NewWork("c_one", "read", "read:3", "{}", "r3"), T0, T0.plusSeconds(60));
        work.enqueue(new NewWork("c_one", "send", "send:1", "{}", "s1"), T0);

        assertThat(work.inHandWithoutWaitingFollowUp(Set.of("read"), T0.plusSeconds(10), "read:", Set.of("send"), "send:"))
                .as("read:2 only: read:1's send already waits, read:3 is not due by then").isEqualTo(1);
        assertThat(work.inHandWithoutWaitingFollowUp(Set.of("read"), T0.plusSeconds(60), "read:", Set.of("send"), "send:")).isEqualTo(2);
    }

    @Test
    void the_head_of_a_key_leases_the_items_of_its_kind_right_behind_it_and_gives_back_what_it_did_not_finish() {
        work.enqueue(item("user:1", "a"), T0);
        work.enqueue(item("user:1", "b"), T0);
        work.enqueue(item("user:1", "c"), T0);
        work.enqueue(new NewWork("c_one", "track_event", "user:1", "{}", "d"), T0);
        work.enqueue(item("user:1", "e"), T0);
        work.enqueue(item("user:2", "f"), T0);
        var head = work.claim(Set.of("upsert_user"), 1, "w1", T0, LEASE).get(0);

        var followers = work.claimFollowers(head, "w1", T0, LEASE, 10);

        assertThat(followers).extracting(WorkItem::idempotencyKey).containsExactly("b", "c");
        assertThat(work.claimFollowers(head, "w2", T0, LEASE, 10)).isEmpty();
        work.complete(followers.get(0).id(), "w1", T0);
        work.release(List.of(followers.get(1).id()), "w1", T0);
        work.complete(head.id(), "w1", T0);
        assertThat(work.claim(Set.of("upsert_user", "track_event"), 10, "w2", T0, LEASE)).extracting(WorkItem::idempotencyKey)
                .containsExactly("c", "f");
    }

    @Test
    void a_retried_item_waits_for_its_next_attempt_and_keeps_later_items_of_its_key_waiting() {
        work.enqueue(item("user:1", "a"), T0);
        work.enqueue(item("user:1", "b"), T0);
        var claimed = work.claim(Set.of("upsert_user"), 1, "w1", T0, LEASE).get(0);

        work.retry(claimed.id(), "w1", T0.plusSeconds(30), "429 per-user limit", T0);

        assertThat(work.claim(Set.of("upsert_user"), 10, "w1", T0.plusSeconds(29), LEASE)).isEmpty();
        var again = work.claim(Set.of("upsert_user"), 10, "w1", T0.plusSeconds(30), LEASE);
        assertThat(again).extracting(WorkItem::idempotencyKey).containsExactly("a");
        assertThat(again.get(0).attempts()).isEqualTo(2);
        assertThat(again.get(0).lastError()).contains("429 per-user limit");
    }

    @Test
    void a_dead_letter_keeps_its_reason_and_no_longer_blocks_its_key() {
        work.enqueue(item("user:1", "a"), T0);
        work.enqueue(item("user:1", "b"), T0);
        var claimed = work.claim(Set.of("upsert_user"), 1, "w1", T0, LEASE).get(0);

        work.deadLetter(claimed.id(), "w1", "email: is not properly formatted", T0);

        assertThat(work.items("c_one", WorkState.DEAD, 10)).singleElement()
                .satisfies(dead -> assertThat(dead.lastError()).contains("email: is not properly formatted"));
        assertThat(work.claim(Set.of("upsert_user"), 10, "w1", T0, LEASE)).extracting(WorkItem::idempotencyKey).containsExactly("b");
    }

    @Test
    void replayed_dead_letters_run_again() {
        work.enqueue(item("user:1", "a"), T0);
        var claimed = work.claim(Set.of("upsert_user"), 1, "w1", T0, LEASE).get(0);
        work.deadLetter(claimed.id(), "w1", "bad", T0);

        assertThat(work.replayDeadLetters("c_one", Optional.empty(), T0.plusSeconds(1))).isEqualTo(1);
        assertThat(work.claim(Set.of("upsert_user"), 10, "w1", T0.plusSeconds(1), LEASE)).hasSize(1);
    }

    @Test
    void an_item_whose_worker_died_is_claimed_again_after_its_lease_and_the_dead_worker_cannot_finish_it() {
        work.enqueue(item("user:1", "a"), T0);
        var claimed = work.claim(Set.of("upsert_user"), 1, "dead-worker", T0, LEASE).get(0);

        assertThat(work.claim(Set.of("upsert_user"), 1, "w2", T0.plusSeconds(59), LEASE)).isEmpty();
        var reclaimed = work.claim(Set.of("upsert_user"), 1, "w2", T0.plusSeconds(61), LEASE);

        assertThat(reclaimed).extracting(WorkItem::id).containsExactly(claimed.id());
        assertThat(work.complete(claimed.id(), "dead-worker", T0.plusSeconds(62))).isFalse();
        assertThat(work.complete(claimed.id(), "w2", T0.plusSeconds(62))).isTrue();
        assertThat(work.countsByState()).containsEntry(WorkState.DONE, 1L);
    }

    @Test
    void only_kinds_the_worker_handles_are_claimed() {
        work.enqueue(item("user:1", "a"), T0);
        work.enqueue(new NewWork("c_one", "relay_event", "ticket:1", "{}", "r"), T0);
        assertThat(work.claim(Set.of("relay_event"), 10, "w1", T0, LEASE)).extracting(WorkItem::kind).containsExactly("relay_event");
    }

    @Test
    void oldest_pending_is_the_creation_time_of_the_oldest_unfinished_item() {
        assertThat(work.oldestPending()).isEmpty();
        work.enqueue(item("user:1", "a"), T0);
        work.enqueue(item("user:2", "b"), T0.plusSeconds(5));
        assertThat(work.oldestPending()).contains(T0);
    }

    @Test
    void removing_a_connection_removes_its_work() {
        work.enqueue(item("user:1", "a"), T0);
        TestConnections.repository(database, java.time.Clock.systemUTC()).remove("c_one");
        assertThat(work.countsByState().values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    void the_runner_dead_letters_after_max_attempts_and_honours_a_handlers_retry_after() {
        var clock = new ManualClock(T0);
        work.enqueue(item("user:1", "a"), T0);
        var settings = new WorkRunner.Settings(1, Duration.ofMillis(10), LEASE, 2, Backoff.DEFAULT);
        var runner = new WorkRunner(work, java.util.Map.of("upsert_user", it -> Outcome.retryAfter(Duration.ofSeconds(27), "429")), settings,
                clock, "w1");

        assertThat(runner.runOnce(1)).isEqualTo(1);
        assertThat(runner.runOnce(1)).isZero();
        clock.advance(Duration.ofSeconds(27));
        assertThat(runner.runOnce(1)).isEqualTo(1);

        assertThat(work.items("c_one", WorkState.DEAD, 10)).singleElement()
                .satisfies(dead -> assertThat(dead.lastError()).contains("gave up after 2 attempts: 429"));
    }

    @Test
    void a_batch_claims_many_due_items_but_one_per_key_and_completes_them_in_one_step() {
        work.enqueue(item("ticket:1", "a"), T0);
        work.enqueue(item("ticket:1", "b"), T0);
        work.enqueue(item("ticket:2", "c"), T0);
        work.enqueue(item("ticket:3", "later"), T0, T0.plusSeconds(60));

        assertThat(work.due(Set.of("upsert_user"), T0).items()).isEqualTo(3);
        var batch = work.claim(Set.of("upsert_user"), 50, "w1", T0, LEASE);
        assertThat(batch).extracting(WorkItem::idempotencyKey).containsExactly("a", "c");
        assertThat(work.completeAll(batch.stream().map(WorkItem::id).toList(), "w1", T0)).isEqualTo(2);

        assertThat(work.claim(Set.of("upsert_user"), 50, "w1", T0, LEASE)).extracting(WorkItem::idempotencyKey).containsExactly("b");
        assertThat(work.backlog(Set.of("upsert_user"))).satisfies(backlog -> {
            assertThat(backlog.items()).isEqualTo(2);
            assertThat(backlog.oldest()).hasValue(T0);
        });
        assertThat(work.claim(Set.of("upsert_user"), 50, "w1", T0.plusSeconds(60), LEASE)).extracting(WorkItem::idempotencyKey)
                .containsExactly("later");
    }

    @Test
    void completing_a_batch_skips_items_whose_lease_another_worker_took_over() {
        work.enqueue(item("ticket:1", "a"), T0);
        var first = work.claim(Set.of("upsert_user"), 50, "w1", T0, LEASE);
        var taken = work.claim(Set.of("upsert_user"), 50, "w2", T0.plus(LEASE).plusSeconds(1), LEASE);
        assertThat(taken).hasSize(1);

        assertThat(work.completeAll(first.stream().map(WorkItem::id).toList(), "w1", T0.plus(LEASE))).isZero();
        assertThat(work.find(first.get(0).id()).orElseThrow().state()).isEqualTo(WorkState.RUNNING);
    }

    @Test
    void dead_letters_are_listed_by_kind_for_replay() {
        work.enqueue(item("user:1", "a"), T0);
        work.enqueue(new NewWork("c_one", "relay_send", "t:1", "{}", "s"), T0);
        for (var claimed : work.claim(Set.of("upsert_user", "relay_send"), 10, "w1", T0, LEASE)) {
            work.deadLetter(claimed.id(), "w1", "refused", T0);
        }

        assertThat(work.deadLetters("c_one", List.of("relay_send"), 10)).extracting(WorkItem::idempotencyKey).containsExactly("s");
    }

    List<WorkItem> all() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM work_items").mapTo(Long.class).list())
                .stream().map(id -> work.find(id).orElseThrow()).toList();
    }
}
