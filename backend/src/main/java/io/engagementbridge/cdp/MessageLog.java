package io.engagementbridge.cdp;

import io.engagementbridge.store.Database;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cdp_messages table (every message's outcome, for {@code GET /v1/cdp/messages}),
 * cdp_written_values (when each of a user's values was last written, by message time) and
 * cdp_written_horizons (how far back those stamps have been purged).
 */
public final class MessageLog {
    private static final String COLUMNS = "message_id, type, status, reason, sent_at, received_at, updated_at";

    /** One message's outcome so far. */
    public record Logged(String messageId, String type, MessageStatus status, Optional<String> reason, Instant sentAt, Instant receivedAt,
                         Instant updatedAt) {
    }

    private final Database database;

    public MessageLog(Database database) {
        this.database = database;
    }

    void record(Handle h, String connectionId, String messageId, String type, MessageStatus status, String reason, Instant sentAt, Instant now) {
        h.createUpdate("INSERT INTO cdp_messages (connection_id, message_id, type, status, reason, sent_at, received_at, updated_at) "
                        + "VALUES (:connection, :message, :type, :status, :reason, :sent, :now, :now)")
                .bind("connection", connectionId)
                .bind("message", messageId == null ? "" : messageId)
                .bind("type", type.length() > 20 ? type.substring(0, 20) : type)
                .bind("status", status.column())
                .bind("reason", reason)
                .bind("sent", sentAt.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /** Records what became of an accepted message: written (with any notes) or failed (with the reason and fix). */
    public void finish(String connectionId, String messageId, MessageStatus status, String reason, Instant now) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE cdp_messages SET status = :status, reason = :reason, updated_at = :now "
                        + "WHERE connection_id = :connection AND message_id = :message AND status <> 'rejected'")
                .bind("status", status.column())
                .bind("reason", reason)
                .bind("now", now.toEpochMilli())
                .bind("connection", connectionId)
                .bind("message", messageId)
                .execute());
    }

    public List<Logged> list(String connectionId, Optional<MessageStatus> status, int limit) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM cdp_messages WHERE connection_id = :connection"
                        + (status.isPresent() ? " AND status = :status" : "") + " ORDER BY id DESC LIMIT :limit")
                .bind("connection", connectionId)
                .bind("status", status.map(MessageStatus::column).orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> new Logged(rs.getString("message_id"), rs.getString("type"), MessageStatus.of(rs.getString("status")),
                        Optional.ofNullable(rs.getString("reason")), Instant.ofEpochMilli(rs.getLong("sent_at")),
                        Instant.ofEpochMilli(rs.getLong("received_at")), Instant.ofEpochMilli(rs.getLong("updated_at"))))
                .list());
    }

    /** Forgets a connection's messages received before {@code before}; returns how many. */
    public int purge(String connectionId, Instant before) {
        return database.jdbi().withHandle(h -> h.createUpdate("DELETE FROM cdp_messages WHERE connection_id = :connection AND received_at < :before")
                .bind("connection", connectionId).bind("before", before.toEpochMilli()).execute());
    }

    /**
     * Forgets a connection's stamps of values written by messages timestamped before {@code before}, and remembers that
     * horizon (it only moves forward), in one transaction; returns how many stamps were forgotten.
     */
    public int purgeWrittenValues(String connectionId, Instant before) {
        return database.jdbi().inTransaction(h -> {
            h.createUpdate("INSERT INTO cdp_written_horizons (connection_id, purged_before) VALUES (:connection, :before) "
                            + "ON CONFLICT (connection_id) DO UPDATE SET purged_before = excluded.purged_before "
                            + "WHERE excluded.purged_before > cdp_written_horizons.purged_before")
                    .bind("connection", connectionId).bind("before", before.toEpochMilli()).execute();
            return h.createUpdate("DELETE FROM cdp_written_values WHERE connection_id = :connection AND sent_at < :before")
                    .bind("connection", connectionId).bind("before", before.toEpochMilli()).execute();
        });
    }

    /** The time before which the connection's stamps may have been purged: a message older than it can no longer be checked against newer values. */
    Optional<Instant> writtenHorizon(String connectionId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT purged_before FROM cdp_written_horizons WHERE connection_id = :connection")
                .bind("connection", connectionId).mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }

    /** When each value of the user was last written, by the time of the message it came from. */
    Map<String, Instant> writtenAt(String connectionId, String userKey) {
        var stamps = new HashMap<String, Instant>();
        database.jdbi().useHandle(h -> h.createQuery("SELECT field, sent_at FROM cdp_written_values WHERE connection_id = :connection "
                        + "AND user_key = :user")
                .bind("connection", connectionId).bind("user", userKey)
                .map((rs, ctx) -> Map.entry(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
                .forEach(e -> stamps.put(e.getKey(), e.getValue())));
        return stamps;
    }

    void written(String connectionId, String userKey, Map<String, Instant> stamps) {
        if (stamps.isEmpty()) {
            return;
        }
        database.jdbi().useTransaction(h -> {
            var batch = h.prepareBatch("INSERT INTO cdp_written_values (connection_id, user_key, field, sent_at) VALUES (:connection, :user, :field, :sent) "
                    + "ON CONFLICT (connection_id, user_key, field) DO UPDATE SET sent_at = excluded.sent_at WHERE excluded.sent_at > cdp_written_values.sent_at");
            stamps.forEach((field, at) -> batch.bind("connection", connectionId).bind("user", userKey).bind("field", field)
                    .bind("sent", at.toEpochMilli()).add());
            batch.execute();
        });
    }

    /** Messages by status across connections, for the metrics. */
    public Map<MessageStatus, Long> countsByStatus() {
        var counts = new java.util.EnumMap<MessageStatus, Long>(MessageStatus.class);
        for (var status : MessageStatus.values()) {
            counts.put(status, 0L);
        }
        database.jdbi().useHandle(h -> h.createQuery("SELECT status, COUNT(*) FROM cdp_messages GROUP BY status")
                .map((rs, ctx) -> Map.entry(MessageStatus.of(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }
}
