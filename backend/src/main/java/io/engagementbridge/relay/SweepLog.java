package io.engagementbridge.relay;

import io.engagementbridge.store.Database;

import java.time.Instant;
import java.util.Optional;

/** The relay_sweeps table: what each connection's last sweep did, for the admin page's Relay panel. */
public final class SweepLog {
    /** The last sweep of a connection, and the last one that found events the webhooks had missed. */
    public record LastSweep(Instant finishedAt, Instant since, int seen, int recovered, Optional<Instant> lastRecoveryAt, int lastRecovered) {
    }

    private final Database database;

    public SweepLog(Database database) {
        this.database = database;
    }

    void record(String connectionId, Instant since, int seen, int recovered, Instant now) {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO relay_sweeps (connection_id, finished_at, since, seen, recovered, "
                        + "last_recovery_at, last_recovered) VALUES (:connection, :now, :since, :seen, :recovered, :recoveryAt, :recovered) "
                        + "ON CONFLICT (connection_id) DO UPDATE SET finished_at = excluded.finished_at, since = excluded.since, "
                        + "seen = excluded.seen, recovered = excluded.recovered, "
                        + "last_recovery_at = CASE WHEN excluded.recovered > 0 THEN excluded.finished_at ELSE relay_sweeps.last_recovery_at END, "
                        + "last_recovered = CASE WHEN excluded.recovered > 0 THEN excluded.recovered ELSE relay_sweeps.last_recovered END")
                .bind("connection", connectionId).bind("now", now.toEpochMilli()).bind("since", since.toEpochMilli()).bind("seen", seen)
                .bind("recovered", recovered).bind("recoveryAt", recovered > 0 ? now.toEpochMilli() : null).execute());
    }

    public Optional<LastSweep> last(String connectionId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM relay_sweeps WHERE connection_id = :connection")
                .bind("connection", connectionId)
                .map((rs, ctx) -> new LastSweep(Instant.ofEpochMilli(rs.getLong("finished_at")), Instant.ofEpochMilli(rs.getLong("since")),
                        rs.getInt("seen"), rs.getInt("recovered"), rs.getObject("last_recovery_at") == null ? Optional.empty()
                        : Optional.of(Instant.ofEpochMilli(rs.getLong("last_recovery_at"))), rs.getInt("last_recovered")))
                .findOne());
    }
}
