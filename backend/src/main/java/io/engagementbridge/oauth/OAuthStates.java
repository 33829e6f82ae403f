package io.engagementbridge.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.InboundTokens;
import io.engagementbridge.connection.SecretBox;
import io.engagementbridge.store.Database;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The oauth_states table: the {@code state} of every authorize URL handed out, single use and
 * short-lived. The state itself exists only in the URL; the table keeps its SHA-256 and the
 * pending connection sealed under the master key, bound to that hash.
 */
final class OAuthStates {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final SecretBox box;
    private final ObjectMapper mapper;
    private final Clock clock;

    OAuthStates(Database database, SecretBox box, ObjectMapper mapper, Clock clock) {
        this.database = database;
        this.box = box;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Stores a new pending flow and returns its state; flows that expired unused are deleted on the way. */
    String create(PendingConnection pending) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var hash = InboundTokens.hash(state);
        var now = clock.millis();
        var sealed = box.seal(json(pending), hash);
        database.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM oauth_states WHERE expires_at <= :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO oauth_states (state_hash, installation_key, pending, expires_at, created_at) "
                            + "VALUES (:hash, :installation, :pending, :expires, :now)")
                    .bind("hash", hash)
                    .bind("installation", pending.installationKey())
                    .bind("pending", sealed)
                    .bind("expires", now + LIFETIME.toMillis())
                    .bind("now", now)
                    .execute();
        });
        return state;
    }

    /**
     * Takes the pending flow of {@code state} out of the table: whoever deletes the row owns it, so
     * a state completes at most once even when two callbacks race. Empty when unknown, used or expired.
     */
    Optional<PendingConnection> consume(String state) {
        if (state == null || state.isBlank() || state.length() > 200) {
            return Optional.empty();
        }
        var hash = InboundTokens.hash(state);
        var now = clock.millis();
        return database.jdbi().inTransaction(h -> {
            var row = h.createQuery("SELECT pending, expires_at FROM oauth_states WHERE state_hash = :hash").bind("hash", hash)
                    .map((rs, ctx) -> new Row(rs.getBytes(1), rs.getLong(2))).findOne();
            if (row.isEmpty() || h.createUpdate("DELETE FROM oauth_states WHERE state_hash = :hash").bind("hash", hash).execute() != 1
                    || row.get().expiresAt() <= now) {
                return Optional.<PendingConnection>empty();
            }
            return Optional.of(read(box.open(row.get().pending(), hash)));
        });
    }

    private record Row(byte[] pending, long expiresAt) {
    }

    private String json(PendingConnection pending) {
        try {
            return mapper.writeValueAsString(pending);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A pending connection cannot be serialised", e);
        }
    }

    private PendingConnection read(String json) {
        try {
            return mapper.readValue(json, PendingConnection.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored pending connection cannot be read", e);
        }
    }
}
