package io.engagementbridge.relay;

import io.engagementbridge.App;
import io.engagementbridge.ManualClock;
import io.engagementbridge.connection.TestConnections;
import io.engagementbridge.store.Database;
import io.engagementbridge.store.TestDatabases;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.work.WorkState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RelayCliTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;
    Database database;
    WorkRepository work;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void open() {
        database = Database.open(TestDatabases.sqlite(dir));
        TestConnections.insert(database, "c_acme");
        work = new WorkRepository(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    int run(String... args) {
        var cli = new RelayCli(TestConnections.repository(database, new ManualClock(NOW)), work, App.mapper(), new ManualClock(NOW),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return cli.run(List.of(args));
    }

    @Test
    void replaying_dead_letters_puts_the_connections_dead_relay_events_back_in_line() {
        work.enqueue(new NewWork("c_acme", RelaySender.KIND, "relay:ticket:7", "{}", "send:relay:7:created"), NOW);
        var claimed = work.claim(Set.of(RelaySender.KIND), 1, "w", NOW, Duration.ofMinutes(1)).get(0);
        work.deadLetter(claimed.id(), "w", "Engagement refused the event: Customer id 'x' is not defined in this project.", NOW);

        assertThat(run("replay", "--connection", "c_acme", "--dead-letters")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"dead_letters_replayed\":1");
        assertThat(work.items("c_acme", WorkState.PENDING, 10)).singleElement().satisfies(item -> assertThat(item.id()).isEqualTo(claimed.id()));
    }

    @Test
    void replaying_without_dead_letters_runs_a_catch_up_sweep_from_the_time_given() {
        assertThat(run("replay", "--connection", "c_acme", "--since", "2026-11-30T00:00:00Z")).isZero();

        assertThat(work.items("c_acme", WorkState.PENDING, 10)).singleElement().satisfies(item -> {
            assertThat(item.kind()).isEqualTo(RelaySweep.KIND);
            assertThat(item.payload()).contains("\"start_time\":" + Instant.parse("2026-11-30T00:00:00Z").getEpochSecond()).contains("\"chain\":false");
        });
    }

    @Test
    void an_unknown_connection_or_a_bad_time_is_a_short_error_and_changes_nothing() {
        assertThat(run("replay", "--connection", "c_nobody", "--dead-letters")).isEqualTo(1);
        assertThat(run("replay", "--connection", "c_acme", "--since", "yesterday")).isEqualTo(2);
        assertThat(run("replay")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No connection c_nobody").contains("--since must be an ISO-8601 UTC time")
                .doesNotContain("Exception");
        assertThat(work.items("c_acme", WorkState.PENDING, 10)).isEmpty();
    }
}
