package io.engagementbridge.connection;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.App;
import io.engagementbridge.store.Database;
import io.engagementbridge.store.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the connections table promises; run on SQLite and on PostgreSQL. */
abstract class ConnectionStoreContract {
    @TempDir
    Path dir;
    Database database;
    Connections connections;

    abstract StoreConfig config(Path dir);

    @BeforeEach
    void open() {
        database = Database.open(config(dir));
        connections = new Connections(TestConnections.repository(database, Clock.systemUTC()), "https://bridge.example.com", Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    static ConnectionDefinition definition() {
        return new ConnectionDefinition("Acme", "https://acme.zendesk.com", AuthType.API_TOKEN,
                ZendeskSecrets.apiToken("admin@acme.example", TestConnections.ZENDESK_TOKEN), "https://api.exponea.com", "project-1",
                "key-id-1", TestConnections.ENGAGEMENT_KEY_SECRET, JsonNodeFactory.instance.objectNode().put("plan_requests_per_minute", 400));
    }

    @Test
    void an_added_connection_is_found_by_id_and_by_its_inbound_token_only() {
        var added = connections.add(definition());

        assertThat(connections.find(added.id())).get().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Acme");
            assertThat(c.planRequestsPerMinute()).isEqualTo(400);
        });
        assertThat(connections.byInboundToken(added.inboundToken())).map(Connection::id).contains(added.id());
        assertThat(connections.byInboundToken(added.inboundToken() + "x")).isEmpty();
        assertThat(added.webhookUrl()).isEqualTo("https://bridge.example.com/v1/zendesk/webhook/" + added.id());
    }

    @Test
    void secrets_are_stored_sealed_and_open_again_with_the_master_key() {
        var added = connections.add(definition());

        byte[] raw = database.jdbi().withHandle(h -> h.createQuery("SELECT secrets FROM connections").mapTo(byte[].class).one());
        var rawText = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(rawText).doesNotContain(TestConnections.ZENDESK_TOKEN).doesNotContain(TestConnections.ENGAGEMENT_KEY_SECRET);
        String tokenColumn = database.jdbi().withHandle(h -> h.createQuery("SELECT inbound_token_hash FROM connections").mapTo(String.class).one());
        assertThat(tokenColumn).isNotEqualTo(added.inboundToken()).hasSize(64);

        var secrets = connections.repository().secrets(added.id()).orElseThrow().secrets();
        assertThat(secrets.zendesk().token()).isEqualTo(TestConnections.ZENDESK_TOKEN);
        assertThat(secrets.engagementKeySecret()).isEqualTo(TestConnections.ENGAGEMENT_KEY_SECRET);
        assertThat(secrets.webhookSigningSecret()).hasSizeGreaterThan(30);
    }

    @Test
    void a_different_master_key_cannot_open_the_secrets() {
        var added = connections.add(definition());
        var other = new ConnectionRepository(database, MasterKey.open(MasterKey.generate()), App.mapper(), Clock.systemUTC());
        assertThatThrownBy(() -> other.secrets(added.id())).hasMessageContaining("do not open with BRIDGE_MASTER_KEY");
    }

    @Test
    void a_rotated_master_key_still_opens_secrets_sealed_before_the_rotation() {
        var added = connections.add(definition());
        var rotated = new ConnectionRepository(database, MasterKey.open(MasterKey.rotate(TestConnections.MASTER_KEY)), App.mapper(), Clock.systemUTC());
        assertThat(rotated.secrets(added.id()).orElseThrow().secrets().zendesk().token()).isEqualTo(TestConnections.ZENDESK_TOKEN);
    }

    @Test
    void replacing_secrets_succeeds_once_per_version_so_two_refreshes_cannot_both_win() {
        var added = connections.add(definition());
        var repository = connections.repository();
        var before = repository.secrets(added.id()).orElseThrow();
        var fresh = before.secrets().withZendesk(before.secrets().zendesk().withTokens("access-2", "refresh-2", 1_900_000_000L));

        assertThat(repository.replaceSecrets(added.id(), before.version(), fresh)).isTrue();
        assertThat(repository.replaceSecrets(added.id(), before.version(), fresh.withZendesk(fresh.zendesk().withTokens("x", "y", 0)))).isFalse();
        var after = repository.secrets(added.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.secrets().zendesk().refreshToken()).isEqualTo("refresh-2");
    }

    @Test
    void removing_a_connection_removes_its_secrets() {
        var added = connections.add(definition());
        assertThat(connections.remove(added.id())).isTrue();
        assertThat(connections.remove(added.id())).isFalse();
        assertThat(connections.repository().secrets(added.id())).isEmpty();
        int rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM connections").mapTo(Integer.class).one());
        assertThat(rows).isZero();
    }

    @Test
    void a_connection_made_from_the_app_is_found_by_its_installation() {
        var added = connections.add(definition(), Optional.of("installation-1"));
        assertThat(connections.repository().findByInstallation("installation-1")).map(Connection::id).contains(added.id());
        assertThat(connections.repository().findByInstallation("installation-2")).isEmpty();
    }
}
