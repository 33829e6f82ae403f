package io.engagementbridge.cdp;

import io.engagementbridge.config.ConfigException;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.store.TestDatabases;
import io.engagementbridge.work.WorkState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.engagementbridge.cdp.CdpHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Message and import outcomes are forgotten after the connection's retention, by a purge that keeps running on its own. */
class CdpRetentionTest {
    @TempDir
    Path dir;
    CdpHarness cdp;

    @BeforeEach
    void open() {
        cdp = new CdpHarness(store(dir), 1);
    }

    /** The store the bridge runs on; the PostgreSQL subclass makes the same promises there. */
    StoreConfig store(Path dir) {
        return TestDatabases.sqlite(dir);
    }

    @AfterEach
    void close() {
        cdp.close();
    }

    @Test
    void outcomes_older_than_the_retention_are_purged_and_the_next_purge_is_queued_an_hour_later() {
        cdp.cdpSettings("{\"retention_days\":2}");
        var database = cdp.account.writeSide().database();
        var connection = cdp.account.connectionId();
        var old = cdp.clock.instant().minus(Duration.ofDays(3));
        var log = new MessageLog(database);
        database.jdbi().useHandle(h -> log.record(h, connection, "old-1", "identify", MessageStatus.WRITTEN, null, old, old));
        var imports = new ImportStore(database);
        imports.create(new ImportStore.Stored("imp_old", connection, "old.csv", "d1", null, true, "running", null, 0, old), List.of(), old, h -> { });
        imports.finish("imp_old", old);
        var recent = cdp.clock.instant().minus(Duration.ofDays(1));
        imports.create(new ImportStore.Stored("imp_recent", connection, "recent.csv", "d2", null, true, "running", null, 0, recent), List.of(),
                recent, h -> { });
        imports.finish("imp_recent", recent);

        cdp.send("{\"type\":\"page\",\"messageId\":\"new-1\",\"userId\":\"u1\"}");

        // One purge removes old messages, then old imports, then queues the next: wait for the whole pass, not its first step.
        eventually("the old outcomes purged and the next purge queued", 20, () -> imports.find("imp_old").isEmpty()
                && log.list(connection, Optional.empty(), 100).stream().noneMatch(m -> m.messageId().equals("old-1"))
                && cdp.account.writeSide().work().items(connection, WorkState.PENDING, 100).stream().anyMatch(item -> item.kind().equals(CdpRetention.KIND)));
        assertThat(log.list(connection, Optional.empty(), 100)).extracting(MessageLog.Logged::messageId).containsExactly("new-1");
        assertThat(imports.find("imp_old")).isEmpty();
        assertThat(imports.find("imp_recent")).isPresent();
        var next = cdp.account.writeSide().work().items(connection, WorkState.PENDING, 100).stream()
                .filter(item -> item.kind().equals(CdpRetention.KIND)).toList();
        assertThat(next).singleElement().satisfies(item -> assertThat(item.nextAttemptAt())
                .isBetween(cdp.clock.instant().plus(Duration.ofMinutes(59)), cdp.clock.instant().plus(Duration.ofMinutes(61))));
        // A purge waiting for its hour is no backlog an admin should be alerted to.
        assertThat(cdp.account.writeSide().work().summaryByKind(connection, cdp.clock.instant()).stream()
                .filter(kind -> kind.kind().equals(CdpRetention.KIND)).flatMap(kind -> kind.oldestUnfinished().stream()))
                .allMatch(oldest -> oldest.isAfter(cdp.clock.instant()));
    }

    @Test
    void a_users_written_values_are_forgotten_after_the_retention_and_a_message_from_before_then_is_refused_while_newer_ones_stay_guarded() {
        var now = cdp.clock.instant();
        cdp.send(identify("early-ada", "ada@retention.example", "Ada Early", now.minus(Duration.ofDays(3))));
        cdp.send(identify("recent-bea", "bea@retention.example", "Bea Recent", now.minus(Duration.ofDays(1))));
        assertThat(cdp.outcome("early-ada").path("status").asText()).isEqualTo("written");
        assertThat(cdp.outcome("recent-bea").path("status").asText()).isEqualTo("written");
        assertThat(userKeysWithWrittenValues()).anyMatch(key -> key.contains("ada@retention.example"));

        cdp.cdpSettings("{\"retention_days\":2}");
        var log = new MessageLog(cdp.account.writeSide().database());
        var connection = cdp.account.connectionId();
        purgeNow(connection);
        eventually("the written values purged back to 2 days", 20, () -> log.writtenHorizon(connection)
                .map(horizon -> horizon.isAfter(now.minus(Duration.ofDays(2)).minusSeconds(1))).orElse(false));

        assertThat(userKeysWithWrittenValues()).noneMatch(key -> key.contains("ada@retention.example"))
                .anyMatch(key -> key.contains("bea@retention.example"));

        var late = cdp.send(identify("late-ada", "ada@retention.example", "Ada Late", now.minus(Duration.ofDays(2)).minus(Duration.ofHours(12))))
                .body().path("results").get(0);
        assertThat(late.path("status").asText()).isEqualTo("rejected");
        assertThat(late.path("reason").asText()).contains("older than this connection's retention").contains("raise cdp.retention_days");
        assertThat(cdp.logged("late-ada").path("status").asText()).isEqualTo("rejected");

        cdp.send(identify("older-bea", "bea@retention.example", "Bea Older", now.minus(Duration.ofHours(36))));
        var older = cdp.outcome("older-bea");
        assertThat(older.path("status").asText()).as(older.toString()).isEqualTo("written");
        assertThat(older.path("reason").asText()).contains("name not written: a newer message already set it");

        cdp.send(identify("current-ada", "ada@retention.example", "Ada Now", cdp.clock.instant()));
        assertThat(cdp.outcome("current-ada").path("status").asText()).isEqualTo("written");

        assertThat(cdp.zendesk().userByEmail("ada@retention.example").orElseThrow().name()).isEqualTo("Ada Now");
        assertThat(cdp.zendesk().userByEmail("bea@retention.example").orElseThrow().name()).isEqualTo("Bea Recent");
    }

    @Test
    void a_message_still_waiting_when_the_purge_passes_its_timestamp_is_refused_not_written() {
        cdp.cdpSettings("{\"retention_days\":3}");
        var connection = cdp.account.connectionId();
        var log = new MessageLog(cdp.account.writeSide().database());
        // Zendesk asks every write to wait until the purge has run: the message is still in the queue when it does.
        cdp.zendesk().faults().failNext(1_000, 429, 1);
        var sent = cdp.clock.instant().minus(Duration.ofDays(2)).minus(Duration.ofHours(12));
        var reply = cdp.send(identify("waiting-cy", "cy@retention.example", "Cy Waiting", sent)).body().path("results").get(0);
        assertThat(reply.path("status").asText()).isEqualTo("accepted");
        eventually("Zendesk's 429 served", 10, () -> cdp.zendesk().faults().failuresServed() >= 1);

        cdp.cdpSettings("{\"retention_days\":2}");
        purgeNow(connection);
        eventually("the written values purged back to 2 days", 20, () -> log.writtenHorizon(connection).map(horizon -> horizon.isAfter(sent)).orElse(false));
        cdp.zendesk().faults().failNext(0, 429, 0);

        var outcome = cdp.outcome("waiting-cy");
        assertThat(outcome.path("status").asText()).isEqualTo("failed");
        assertThat(outcome.path("reason").asText()).contains("older than this connection's retention");
        assertThat(cdp.zendesk().userByEmail("cy@retention.example")).isEmpty();
    }

    /** The hour passes: the retention chain's next purge, queued by its first run, is due now. */
    private void purgeNow(String connection) {
        cdp.account.writeSide().database().jdbi().useHandle(h -> h.createUpdate("UPDATE work_items SET next_attempt_at = :now "
                        + "WHERE connection_id = :c AND kind = :kind AND state = 'pending'")
                .bind("now", cdp.clock.instant().toEpochMilli()).bind("c", connection).bind("kind", CdpRetention.KIND).execute());
        cdp.send("{\"type\":\"page\",\"messageId\":\"wake-" + System.nanoTime() + "\",\"userId\":\"u1\"}");
    }

    private static String identify(String messageId, String email, String name, Instant timestamp) {
        var message = CdpHarness.object().put("type", "identify").put("messageId", messageId).put("timestamp", timestamp.toString());
        message.putObject("traits").put("email", email).put("name", name);
        return message.toString();
    }

    private List<String> userKeysWithWrittenValues() {
        return cdp.account.writeSide().database().jdbi().withHandle(h -> h.createQuery("SELECT user_key FROM cdp_written_values WHERE connection_id = :c")
                .bind("c", cdp.account.connectionId()).mapTo(String.class).list());
    }

    @Test
    void the_operators_retention_days_come_from_the_environment_and_a_bad_value_is_named() {
        assertThat(WriteSideConfig.fromEnv(Map.of("BRIDGE_CDP_RETENTION_DAYS", "7")).cdpRetentionDays()).isEqualTo(7);
        assertThat(WriteSideConfig.fromEnv(Map.of()).cdpRetentionDays()).isEqualTo(30);
        assertThatThrownBy(() -> WriteSideConfig.fromEnv(Map.of("BRIDGE_CDP_RETENTION_DAYS", "a month")))
                .isInstanceOf(ConfigException.class).hasMessage("BRIDGE_CDP_RETENTION_DAYS must be a whole number of days from 1 to 3650, was 'a month'");
    }
}
