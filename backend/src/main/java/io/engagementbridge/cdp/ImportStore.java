package io.engagementbridge.cdp;

import io.engagementbridge.store.Database;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of bulk imports: cdp_imports, their rows and jobs, and what was last written to each user. */
final class ImportStore {
    /** An import as stored. */
    record Stored(String id, String connectionId, String source, String digest, String audience, boolean bulk, String status, String note,
                  int total, Instant createdAt) {

        boolean finished() {
            return status.equals("finished");
        }
    }

    /** A row as stored, with its outcome so far. */
    record StoredRow(int number, String userKey, String message, ImportStatus status, Integer batch, Long userId, String reason, String fix) {
    }

    /** A job of an import: {@code jobId} is null while the batch is in doubt (posted, answer not recorded). */
    record Batch(int number, String jobId, List<Integer> rows, Instant sentAt) {
    }

    /** What became of one row. */
    record Result(int row, ImportStatus status, Long userId, String reason, String fix, String userKey, String digest) {
    }

    private final Database database;
    private final ImportRowCounts counts;

    ImportStore(Database database) {
        this(database, ImportRowCounts.NONE);
    }

    ImportStore(Database database, ImportRowCounts counts) {
        this.database = database;
        this.counts = counts;
    }

    Optional<String> unfinished(String connectionId, String digest) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM cdp_imports WHERE connection_id = :connection "
                        + "AND source_digest = :digest AND status <> 'finished' ORDER BY created_at DESC LIMIT 1")
                .bind("connection", connectionId).bind("digest", digest).mapTo(String.class).findOne());
    }

    /** Stores the import and every row in one transaction: after it returns, nothing of the input can be lost. */
    void create(Stored imported, List<ImportRows.Row> rows, Instant now, java.util.function.Consumer<Handle> alsoInTransaction) {
        database.jdbi().useTransaction(h -> {
            alsoInTransaction.accept(h);
            h.createUpdate("INSERT INTO cdp_imports (id, connection_id, source, source_digest, audience, bulk, status, total, created_at, updated_at) "
                            + "VALUES (:id, :connection, :source, :digest, :audience, :bulk, 'running', :total, :now, :now)")
                    .bind("id", imported.id()).bind("connection", imported.connectionId()).bind("source", clip(imported.source(), 300))
                    .bind("digest", imported.digest()).bind("audience", imported.audience()).bind("bulk", imported.bulk())
                    .bind("total", rows.size()).bind("now", now.toEpochMilli()).execute();
            var batch = h.prepareBatch("INSERT INTO cdp_import_rows (import_id, row_no, user_key, message, status, reason, fix) "
                    + "VALUES (:id, :row, :key, :message, :status, :reason, :fix)");
            for (var row : rows) {
                batch.bind("id", imported.id()).bind("row", row.number()).bind("key", row.userKey()).bind("message", row.message().toString())
                        .bind("status", (row.problem() == null ? ImportStatus.PENDING : ImportStatus.FAILED).column())
                        .bind("reason", row.problem()).bind("fix", row.problem() == null ? null : "correct the row in the input and import it again")
                        .add();
            }
            if (!rows.isEmpty()) {
                batch.execute();
            }
        });
        counts.count("received", rows.size());
        var unreadable = (int) rows.stream().filter(row -> row.problem() != null).count();
        if (unreadable > 0) {
            counts.count(ImportStatus.FAILED.column(), unreadable);
        }
    }

    Optional<Stored> find(String id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM cdp_imports WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Stored(rs.getString("id"), rs.getString("connection_id"), rs.getString("source"),
                        rs.getString("source_digest"), rs.getString("audience"), rs.getBoolean("bulk"), rs.getString("status"),
                        rs.getString("note"), rs.getInt("total"), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .findOne());
    }

    /** A connection's imports, newest first. */
    List<Stored> recent(String connectionId, int limit) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM cdp_imports WHERE connection_id = :connection "
                        + "ORDER BY created_at DESC LIMIT :limit")
                .bind("connection", connectionId).bind("limit", limit)
                .map((rs, ctx) -> new Stored(rs.getString("id"), rs.getString("connection_id"), rs.getString("source"),
                        rs.getString("source_digest"), rs.getString("audience"), rs.getBoolean("bulk"), rs.getString("status"),
                        rs.getString("note"), rs.getInt("total"), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    Map<ImportStatus, Integer> counts(String id) {
        var counts = new EnumMap<ImportStatus, Integer>(ImportStatus.class);
        for (var status : ImportStatus.values()) {
            counts.put(status, 0);
        }
        database.jdbi().useHandle(h -> h.createQuery("SELECT status, COUNT(*) FROM cdp_import_rows WHERE import_id = :id GROUP BY status")
                .bind("id", id).map((rs, ctx) -> Map.entry(ImportStatus.of(rs.getString(1)), rs.getInt(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** How many rows wait to be sent (not in a batch, no outcome yet). */
    int pendingCount(String id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM cdp_import_rows WHERE import_id = :id AND status = 'pending'")
                .bind("id", id).mapTo(Integer.class).one());
    }

    /** The rows a batch sent and still waits on, in the order they were sent. */
    List<StoredRow> batchRows(String id, int batch) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM cdp_import_rows WHERE import_id = :id AND batch_no = :batch "
                        + "AND status = 'sending' ORDER BY row_no")
                .bind("id", id).bind("batch", batch).map((rs, ctx) -> row(rs)).list());
    }

    private static StoredRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredRow(rs.getInt("row_no"), rs.getString("user_key"), rs.getString("message"),
                ImportStatus.of(rs.getString("status")), rs.getObject("batch_no") == null ? null : rs.getInt("batch_no"),
                rs.getObject("user_id") == null ? null : rs.getLong("user_id"), rs.getString("reason"), rs.getString("fix"));
    }

    List<StoredRow> rows(String id, Optional<ImportStatus> status, int from, int limit) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM cdp_import_rows WHERE import_id = :id AND row_no >= :from"
                        + (status.isPresent() ? " AND status = :status" : "") + " ORDER BY row_no LIMIT :limit")
                .bind("id", id).bind("from", from).bind("status", status.map(ImportStatus::column).orElse(null)).bind("limit", limit)
                .map((rs, ctx) -> row(rs)).list());
    }

    /** Marks the rows as sent in batch {@code number}, before the job is posted: a crash after this leaves the batch in doubt, never forgotten. */
    void sending(String id, int number, List<Integer> rows, String keysJson, Instant now) {
        database.jdbi().useTransaction(h -> {
            h.createUpdate("INSERT INTO cdp_import_batches (import_id, batch_no, state, job_id, keys_json, sent_at) VALUES (:id, :batch, 'sending', NULL, :keys, :now)")
                    .bind("id", id).bind("batch", number).bind("keys", keysJson).bind("now", now.toEpochMilli()).execute();
            var update = h.prepareBatch("UPDATE cdp_import_rows SET status = 'sending', batch_no = :batch WHERE import_id = :id AND row_no = :row");
            rows.forEach(row -> update.bind("batch", number).bind("id", id).bind("row", row).add());
            update.execute();
            touch(h, id, now);
        });
    }

    void submitted(String id, int number, String jobId) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE cdp_import_batches SET state = 'submitted', job_id = :job WHERE import_id = :id AND batch_no = :batch")
                .bind("job", jobId).bind("id", id).bind("batch", number).execute());
    }

    /** Batches not done yet, in order: submitted ones carry their job id, in-doubt ones none. */
    List<Batch> openBatches(String id) {
        return database.jdbi().withHandle(h -> {
            var batches = h.createQuery("SELECT batch_no, job_id, sent_at FROM cdp_import_batches WHERE import_id = :id AND state <> 'done' ORDER BY batch_no")
                    .bind("id", id).map((rs, ctx) -> new Batch(rs.getInt(1), rs.getString(2), List.of(), Instant.ofEpochMilli(rs.getLong(3)))).list();
            return batches.stream().map(b -> new Batch(b.number(), b.jobId(), h.createQuery("SELECT row_no FROM cdp_import_rows WHERE import_id = :id "
                            + "AND batch_no = :batch AND status = 'sending' ORDER BY row_no").bind("id", id).bind("batch", b.number())
                    .mapTo(Integer.class).list(), b.sentAt())).toList();
        });
    }

    /** The match keys (external id, else e-mail, lower case) of a batch's users, in the order they were sent. */
    String batchKeys(String id, int batch) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT keys_json FROM cdp_import_batches WHERE import_id = :id AND batch_no = :batch")
                .bind("id", id).bind("batch", batch).mapTo(String.class).one());
    }

    int nextBatch(String id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(MAX(batch_no), 0) + 1 FROM cdp_import_batches WHERE import_id = :id")
                .bind("id", id).mapTo(Integer.class).one());
    }

    /** Job ids any import of the connection already owns: an in-doubt batch never adopts one of these. */
    List<String> knownJobs(String connectionId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT b.job_id FROM cdp_import_batches b JOIN cdp_imports i ON i.id = b.import_id "
                + "WHERE i.connection_id = :connection AND b.job_id IS NOT NULL").bind("connection", connectionId).mapTo(String.class).list());
    }

    /** Records each row's outcome and, for a batch, closes it; rows written remember their digest so a rerun skips them. */
    void record(String id, String connectionId, Integer batch, Collection<Result> results, Instant now) {
        database.jdbi().useTransaction(h -> {
            var rows = h.prepareBatch("UPDATE cdp_import_rows SET status = :status, user_id = :user, reason = :reason, fix = :fix "
                    + "WHERE import_id = :id AND row_no = :row");
            var written = h.prepareBatch("INSERT INTO cdp_import_written (connection_id, user_key, digest) VALUES (:connection, :key, :digest) "
                    + "ON CONFLICT (connection_id, user_key) DO UPDATE SET digest = excluded.digest");
            int writes = 0;
            for (var result : results) {
                rows.bind("status", result.status().column()).bind("user", result.userId()).bind("reason", result.reason()).bind("fix", result.fix())
                        .bind("id", id).bind("row", result.row()).add();
                if ((result.status() == ImportStatus.CREATED || result.status() == ImportStatus.UPDATED) && result.digest() != null) {
                    written.bind("connection", connectionId).bind("key", result.userKey()).bind("digest", result.digest()).add();
                    writes++;
                }
            }
            if (!results.isEmpty()) {
                rows.execute();
            }
            if (writes > 0) {
                written.execute();
            }
            if (batch != null) {
                h.createUpdate("UPDATE cdp_import_batches SET state = 'done' WHERE import_id = :id AND batch_no = :batch")
                        .bind("id", id).bind("batch", batch).execute();
            }
            touch(h, id, now);
        });
        results.stream().filter(result -> result.status().settled())
                .collect(java.util.stream.Collectors.groupingBy(result -> result.status().column(), java.util.stream.Collectors.counting()))
                .forEach((outcome, rows) -> counts.count(outcome, rows.intValue()));
    }

    /** An in-doubt batch Zendesk never received: its rows go back to pending. */
    void abandon(String id, int batch) {
        database.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE cdp_import_rows SET status = 'pending', batch_no = NULL WHERE import_id = :id AND batch_no = :batch AND status = 'sending'")
                    .bind("id", id).bind("batch", batch).execute();
            h.createUpdate("DELETE FROM cdp_import_batches WHERE import_id = :id AND batch_no = :batch").bind("id", id).bind("batch", batch).execute();
        });
    }

    Map<String, String> writtenDigests(String connectionId, Collection<String> keys) {
        var digests = new HashMap<String, String>();
        if (keys.isEmpty()) {
            return digests;
        }
        database.jdbi().useHandle(h -> h.createQuery("SELECT user_key, digest FROM cdp_import_written WHERE connection_id = :connection AND user_key IN (<keys>)")
                .bind("connection", connectionId).bindList("keys", List.copyOf(keys))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> digests.put(e.getKey(), e.getValue())));
        return digests;
    }

    /** The import cannot go on without someone's help (bulk imports disabled, credentials refused): {@code note} says what. */
    void stop(String id, String note, Instant now) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE cdp_imports SET status = 'stopped', note = :note, updated_at = :now WHERE id = :id")
                .bind("note", note).bind("now", now.toEpochMilli()).bind("id", id).execute());
    }

    /** A stopped import runs again. */
    void resume(String id, Instant now) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE cdp_imports SET status = 'running', note = NULL, updated_at = :now WHERE id = :id AND status = 'stopped'")
                .bind("now", now.toEpochMilli()).bind("id", id).execute());
    }

    void finish(String id, Instant now) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE cdp_imports SET status = 'finished', note = NULL, updated_at = :now WHERE id = :id")
                .bind("now", now.toEpochMilli()).bind("id", id).execute());
    }

    /** Forgets the connection's imports finished before {@code before}, with their rows and batches; returns how many. */
    int purge(String connectionId, Instant before) {
        return database.jdbi().inTransaction(h -> {
            var old = "SELECT id FROM cdp_imports WHERE connection_id = :connection AND status = 'finished' AND updated_at < :before";
            h.createUpdate("DELETE FROM cdp_import_rows WHERE import_id IN (" + old + ")")
                    .bind("connection", connectionId).bind("before", before.toEpochMilli()).execute();
            h.createUpdate("DELETE FROM cdp_import_batches WHERE import_id IN (" + old + ")")
                    .bind("connection", connectionId).bind("before", before.toEpochMilli()).execute();
            return h.createUpdate("DELETE FROM cdp_imports WHERE connection_id = :connection AND status = 'finished' AND updated_at < :before")
                    .bind("connection", connectionId).bind("before", before.toEpochMilli()).execute();
        });
    }

    private static void touch(Handle h, String id, Instant now) {
        h.createUpdate("UPDATE cdp_imports SET updated_at = :now WHERE id = :id").bind("now", now.toEpochMilli()).bind("id", id).execute();
    }

    private static String clip(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
