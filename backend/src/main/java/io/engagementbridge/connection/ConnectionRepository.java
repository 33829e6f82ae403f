package io.engagementbridge.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.store.Database;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The connections table: every SQL statement about connections, and the only code that seals or opens their secrets. */
public final class ConnectionRepository {
    private static final String COLUMNS = "id, name, zendesk_url, auth_type, engagement_base_url, engagement_project_token, "
            + "installation_key, settings, created_at";

    private final Database database;
    private final SecretBox box;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ConnectionRepository(Database database, SecretBox box, ObjectMapper mapper, Clock clock) {
        this.database = database;
        this.box = box;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Secrets and the versioned handle a token rotation compares against. */
    public record Versioned(long version, ConnectionSecrets secrets) {
    }

    public void insert(Connection connection, ConnectionSecrets secrets, String inboundTokenHash) {
        var now = clock.millis();
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO connections (id, name, zendesk_url, auth_type, engagement_base_url, "
                        + "engagement_project_token, installation_key, inbound_token_hash, secrets, secrets_version, settings, created_at, updated_at) "
                        + "VALUES (:id, :name, :url, :auth, :engagementUrl, :projectToken, :installation, :tokenHash, :secrets, 1, :settings, :now, :now)")
                .bind("id", connection.id())
                .bind("name", connection.name())
                .bind("url", connection.zendeskUrl())
                .bind("auth", connection.authType().wire())
                .bind("engagementUrl", connection.engagementBaseUrl())
                .bind("projectToken", connection.engagementProjectToken())
                .bind("installation", connection.installationKey().orElse(null))
                .bind("tokenHash", inboundTokenHash)
                .bind("secrets", box.seal(json(secrets), connection.id()))
                .bind("settings", json(connection.settings()))
                .bind("now", now)
                .execute());
    }

    /**
     * Gives an installation's connection new Zendesk credentials and Engagement side in one step,
     * keeping its id, inbound token and webhook signing secret, so webhooks already set up in
     * Zendesk stay valid. Empty when the installation has no connection yet.
     */
    public Optional<String> reconnectInstallation(String installationKey, ConnectionDefinition definition) {
        return database.jdbi().inTransaction(h -> {
            var id = h.createQuery("SELECT id FROM connections WHERE installation_key = :key").bind("key", installationKey)
                    .mapTo(String.class).findOne();
            if (id.isEmpty()) {
                return id;
            }
            var stored = secrets(h, id.get()).orElseThrow().secrets();
            var fresh = new ConnectionSecrets(definition.zendesk(), definition.engagementKeyId(), definition.engagementKeySecret(),
                    stored.webhookSigningSecret(), definition.brazeApiKey() != null ? definition.brazeApiKey() : stored.brazeApiKey());
            h.createUpdate("UPDATE connections SET name = :name, zendesk_url = :url, auth_type = :auth, engagement_base_url = :engagementUrl, "
                            + "engagement_project_token = :projectToken, secrets = :secrets, secrets_version = secrets_version + 1, "
                            + "updated_at = :now WHERE id = :id")
                    .bind("name", definition.name())
                    .bind("url", definition.zendeskUrl())
                    .bind("auth", definition.authType().wire())
                    .bind("engagementUrl", definition.engagementBaseUrl())
                    .bind("projectToken", definition.engagementProjectToken())
                    .bind("secrets", box.seal(json(fresh), id.get()))
                    .bind("now", clock.millis())
                    .bind("id", id.get())
                    .execute();
            return id;
        });
    }

    public Optional<Connection> find(String id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM connections WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> connection(rs)).findOne());
    }

    public Optional<Connection> findByInboundTokenHash(String hash) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM connections WHERE inbound_token_hash = :hash")
                .bind("hash", hash).map((rs, ctx) -> connection(rs)).findOne());
    }

    public Optional<Connection> findByInstallation(String installationKey) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM connections WHERE installation_key = :key")
                .bind("key", installationKey).map((rs, ctx) -> connection(rs)).findOne());
    }

    public List<Connection> list() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM connections ORDER BY created_at, id")
                .map((rs, ctx) -> connection(rs)).list());
    }

    public boolean any() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM connections").mapTo(Long.class).one()) > 0;
    }

    /** Removes the connection, its stored secrets and (by cascade) its pending work. */
    /** Gives the connection a new inbound token (its hash); the old one stops working at once. False when there is no such connection. */
    public boolean replaceInboundTokenHash(String id, String inboundTokenHash) {
        return database.jdbi().withHandle(h -> h.createUpdate("UPDATE connections SET inbound_token_hash = :hash, updated_at = :now WHERE id = :id")
                .bind("hash", inboundTokenHash).bind("now", clock.millis()).bind("id", id).execute()) > 0;
    }

    public boolean remove(String id) {
        return database.jdbi().withHandle(h -> h.createUpdate("DELETE FROM connections WHERE id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Versioned> secrets(String id) {
        return database.jdbi().withHandle(h -> secrets(h, id));
    }

    /**
     * Replaces the secrets only if they are still at {@code expectedVersion}: the compare-and-set that
     * makes storing a rotated token pair and retiring the old one a single step.
     */
    public boolean replaceSecrets(String id, long expectedVersion, ConnectionSecrets fresh) {
        return database.jdbi().withHandle(h -> replaceSecrets(h, id, expectedVersion, fresh));
    }

    public Optional<Versioned> secrets(Handle h, String id) {
        return h.createQuery("SELECT secrets_version, secrets FROM connections WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Versioned(rs.getLong(1), read(box.open(rs.getBytes(2), id), ConnectionSecrets.class))).findOne();
    }

    public boolean replaceSecrets(Handle h, String id, long expectedVersion, ConnectionSecrets fresh) {
        return h.createUpdate("UPDATE connections SET secrets = :secrets, secrets_version = secrets_version + 1, updated_at = :now "
                        + "WHERE id = :id AND secrets_version = :version")
                .bind("secrets", box.seal(json(fresh), id))
                .bind("now", clock.millis())
                .bind("id", id)
                .bind("version", expectedVersion)
                .execute() == 1;
    }

    public void updateSettings(String id, ObjectNode settings) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE connections SET settings = :settings, updated_at = :now WHERE id = :id")
                .bind("settings", json(settings)).bind("now", clock.millis()).bind("id", id).execute());
    }

    /**
     * Sets one top-level setting ({@code value} null removes it) and keeps every other, read and written in one
     * transaction: writers of different settings (provisioning's ids, the recorded profile settings) never undo each other.
     */
    public void updateSetting(String id, String name, com.fasterxml.jackson.databind.JsonNode value) {
        database.jdbi().useTransaction(h -> {
            var current = h.createQuery("SELECT settings FROM connections WHERE id = :id" + database.dialect().forUpdate())
                    .bind("id", id).mapTo(String.class).findOne();
            if (current.isEmpty()) {
                return;
            }
            var settings = read(current.get(), ObjectNode.class);
            if (value == null || value.isMissingNode()) {
                settings.remove(name);
            } else {
                settings.set(name, value);
            }
            h.createUpdate("UPDATE connections SET settings = :settings, updated_at = :now WHERE id = :id")
                    .bind("settings", json(settings)).bind("now", clock.millis()).bind("id", id).execute();
        });
    }

    private Connection connection(ResultSet rs) throws SQLException {
        return new Connection(rs.getString("id"), rs.getString("name"), rs.getString("zendesk_url"),
                AuthType.fromWire(rs.getString("auth_type")).orElseThrow(),
                rs.getString("engagement_base_url"), rs.getString("engagement_project_token"),
                Optional.ofNullable(rs.getString("installation_key")),
                read(rs.getString("settings"), ObjectNode.class), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored " + type.getSimpleName() + " is unreadable", e);
        }
    }
}
