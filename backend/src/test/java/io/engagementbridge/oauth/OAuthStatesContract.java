package io.engagementbridge.oauth;

import io.engagementbridge.App;
import io.engagementbridge.connection.MasterKey;
import io.engagementbridge.connection.TestConnections;
import io.engagementbridge.store.Database;
import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The Connect Zendesk states' promises; run once on SQLite and once on PostgreSQL. */
abstract class OAuthStatesContract {
    private static final PendingConnection PENDING = new PendingConnection("installation-key", "acme", "https://acme.zendesk.com",
            "Zendesk acme (connected in the app)", "https://api.exponea.com", "cc7cc3c6-6b36-a11b-ffaa-52f58fe58f19", "key-id",
            TestConnections.ENGAGEMENT_KEY_SECRET, "de-DE");

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    private Database database;
    private OAuthStates states;

    abstract StoreConfig config(Path dir);

    @BeforeEach
    void open() {
        database = Database.open(config(dir));
        states = new OAuthStates(database, MasterKey.open(TestConnections.MASTER_KEY), App.mapper(), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_state_opens_its_pending_connection_once() {
        var state = states.create(PENDING);
        assertThat(states.consume(state)).contains(PENDING);
        assertThat(states.consume(state)).isEmpty();
    }

    @Test
    void a_state_expires_after_ten_minutes() {
        var early = states.create(PENDING);
        var late = states.create(PENDING);
        clock.advance(Duration.ofMinutes(9));
        assertThat(states.consume(early)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(states.consume(late)).isEmpty();
    }

    @Test
    void neither_the_state_nor_the_key_pair_is_stored_in_clear() {
        var state = states.create(PENDING);
        var row = database.jdbi().withHandle(h -> h.createQuery("SELECT state_hash, installation_key, pending FROM oauth_states")
                .map((rs, ctx) -> rs.getString(1) + "|" + rs.getString(2) + "|" + new String(rs.getBytes(3), StandardCharsets.ISO_8859_1)).one());
        assertThat(row).contains("installation-key").doesNotContain(state, TestConnections.ENGAGEMENT_KEY_SECRET, "acme.zendesk.com");
    }

    @Test
    void expired_states_are_deleted_when_the_next_one_is_made() {
        states.create(PENDING);
        clock.advance(Duration.ofMinutes(11));
        states.create(PENDING);
        long left = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oauth_states").mapTo(Long.class).one());
        assertThat(left).isEqualTo(1);
    }

    @Test
    void of_callbacks_racing_with_one_state_exactly_one_wins() throws Exception {
        var state = states.create(PENDING);
        var pool = Executors.newFixedThreadPool(6);
        try {
            var calls = new ArrayList<Callable<Optional<PendingConnection>>>();
            for (var i = 0; i < 6; i++) {
                calls.add(() -> states.consume(state));
            }
            var winners = 0;
            for (Future<Optional<PendingConnection>> result : pool.invokeAll(calls)) {
                winners += result.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
