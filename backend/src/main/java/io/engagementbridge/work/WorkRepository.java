package io.engagementbridge.work;

import io.engagementbridge.store.Database;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The work_items table. An item is claimable when it is due (pending and past its next attempt, or
 * running with an expired lease) and no earlier item of the same connection and key is still
 * pending or running: that is what keeps work for one Zendesk user or ticket in order.
 */
public final class WorkRepository {
    private static final String COLUMNS = "id, connection_id, kind, item_key, payload, idempotency_key, state, attempts, "
            + "next_attempt_at, last_error, created_at";

    private final Database database;

    public WorkRepository(Database database) {
        this.database = database;
    }

    /** Stores the item unless one with the same idempotency key exists; true when it was new. */
    public boolean enqueue(Handle h, NewWork work, Instant now) {
        return enqueue(h, work, now, now);
    }

    /** As {@link #enqueue(Handle, NewWork, Instant)}, first due at {@code due} (e.g. the next periodic sweep). */
    public boolean enqueue(Handle h, NewWork work, Instant now, Instant due) {
        return h.createUpdate("INSERT INTO work_items (connection_id, kind, item_key, payload, idempotency_key, state, attempts, "
                        + "next_attempt_at, created_at, updated_at) VALUES (:connection, :kind, :key, :payload, :idempotency, 'pending', 0, "
                        + ":due, :now, :now) ON CONFLICT (connection_id, idempotency_key) DO NOTHING")
                .bind("due", due.toEpochMilli())
                .bind("connection", work.connectionId())
                .bind("kind", work.kind())
                .bind("key", work.key())
                .bind("payload", work.payload())
                .bind("idempotency", work.idempotencyKey())
                .bind("now", now.toEpochMilli())
                .execute() == 1;
    }

    public boolean enqueue(NewWork work, Instant now) {
        return database.jdbi().inTransaction(h -> enqueue(h, work, now));
    }

    public boolean enqueue(NewWork work, Instant now, Instant due) {
        return database.jdbi().inTransaction(h -> enqueue(h, work, now, due));
    }

    /**
     * Stores {@code work} and, in the same transaction, closes the connection's waiting items of {@code supersededKind}
     * as done with {@code reason}: they will never run (a running one finishes first, being earlier on its key).
     * Returns how many were superseded.
     */
    public int enqueueSuperseding(NewWork work, String supersededKind, String reason, Instant now) {
        return database.jdbi().inTransaction(h -> {
            var superseded = h.createUpdate("UPDATE work_items SET state = 'done', last_error = :reason, next_attempt_at = :now, updated_at = :now "
                            + "WHERE connection_id = :connection AND kind = :kind AND state = 'pending'")
                    .bind("reason", reason).bind("now", now.toEpochMilli()).bind("connection", work.connectionId()).bind("kind", supersededKind)
                    .execute();
            enqueue(h, work, now);
            return superseded;
        });
    }

    /** Leases up to {@code limit} due items of {@code kinds} to {@code worker} until {@code now + lease}. */
    public List<WorkItem> claim(Collection<String> kinds, int limit, String worker, Instant now, Duration lease) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        return database.jdbi().inTransaction(h -> {
            var ids = h.createQuery("SELECT w.id FROM work_items w WHERE w.kind IN (<kinds>) "
                            + "AND ((w.state = 'pending' AND w.next_attempt_at <= :now) OR (w.state = 'running' AND w.lease_until < :now)) "
                            + "AND NOT EXISTS (SELECT 1 FROM work_items e WHERE e.connection_id = w.connection_id AND e.item_key = w.item_key "
                            + "AND e.id < w.id AND e.state IN ('pending', 'running')) "
                            + "ORDER BY w.id LIMIT :limit" + database.dialect().skipLocked())
                    .bindList("kinds", List.copyOf(kinds))
                    .bind("now", now.toEpochMilli())
                    .bind("limit", limit)
                    .mapTo(Long.class).list();
            if (ids.isEmpty()) {
                return List.<WorkItem>of();
            }
            return lease(h, ids, ", attempts = attempts + 1", worker, now, lease);
        });
    }

    /** Marks {@code ids} running under {@code worker} until {@code now + lease} and returns them in id order. */
    private static List<WorkItem> lease(Handle h, List<Long> ids, String alsoSet, String worker, Instant now, Duration lease) {
        h.createUpdate("UPDATE work_items SET state = 'running'" + alsoSet + ", lease_until = :lease, claimed_by = :worker, "
                        + "updated_at = :now WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .bind("lease", now.plus(lease).toEpochMilli())
                .bind("worker", worker)
                .bind("now", now.toEpochMilli())
                .execute();
        return h.createQuery("SELECT " + COLUMNS + " FROM work_items WHERE id IN (<ids>)")
                .bindList("ids", ids).map((rs, ctx) -> item(rs)).list().stream()
                .sorted(Comparator.comparingLong(WorkItem::id)).toList();
    }

    /**
     * Leases to {@code worker} the items of the same connection, key and kind that wait right behind
     * {@code head} (stopping at the first item of another kind, so order per key holds), up to
     * {@code limit}: what lets a handler fold pending writes to one record into one call. Their attempts
     * are not counted; give back the ones not finished with {@link #release}.
     */
    public List<WorkItem> claimFollowers(WorkItem head, String worker, Instant now, Duration lease, int limit) {
        return database.jdbi().inTransaction(h -> {
            var ids = h.createQuery("SELECT w.id FROM work_items w WHERE w.connection_id = :connection AND w.item_key = :key "
                            + "AND w.kind = :kind AND w.id > :head "
                            + "AND (w.state = 'pending' OR (w.state = 'running' AND w.lease_until < :now)) "
                            + "AND NOT EXISTS (SELECT 1 FROM work_items e WHERE e.connection_id = w.connection_id AND e.item_key = w.item_key "
                            + "AND e.id > :head AND e.id < w.id AND e.kind <> :kind AND e.state IN ('pending', 'running')) "
                            + "ORDER BY w.id LIMIT :limit" + database.dialect().skipLocked())
                    .bind("connection", head.connectionId())
                    .bind("key", head.key())
                    .bind("kind", head.kind())
                    .bind("head", head.id())
                    .bind("now", now.toEpochMilli())
                    .bind("limit", limit)
                    .mapTo(Long.class).list();
            if (ids.isEmpty()) {
                return List.<WorkItem>of();
            }
            return lease(h, ids, "", worker, now, lease);
        });
    }

    /** Gives back items leased with {@link #claimFollowers} untouched: pending again, due now. */
    public void release(Collection<Long> ids, String worker, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE work_items SET state = 'pending', next_attempt_at = :now, lease_until = NULL, "
                        + "claimed_by = NULL, updated_at = :now WHERE id IN (<ids>) AND state = 'running' AND claimed_by = :worker")
                .bindList("ids", List.copyOf(ids))
                .bind("now", now.toEpochMilli())
                .bind("worker", worker)
                .execute());
    }

    /** Marks a claimed item done; false when the worker's lease was lost to another worker. */
    public boolean complete(long id, String worker, Instant now) {
        return finish(id, worker, "done", now, null, now);
    }

    /** Marks several claimed items done in one transaction (a batch the target accepted); returns how many were still this worker's. */
    public int completeAll(Collection<Long> ids, String worker, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return database.jdbi().withHandle(h -> h.createUpdate("UPDATE work_items SET state = 'done', next_attempt_at = :now, lease_until = NULL, "
                        + "claimed_by = NULL, updated_at = :now WHERE id IN (<ids>) AND state = 'running' AND claimed_by = :worker")
                .bindList("ids", List.copyOf(ids))
                .bind("now", now.toEpochMilli())
                .bind("worker", worker)
                .execute());
    }

    public boolean retry(long id, String worker, Instant nextAttempt, String error, Instant now) {
        return finish(id, worker, "pending", nextAttempt, error, now);
    }

    /** Gives a claimed item back, due at {@code nextAttempt}, without counting the claim as an attempt (it waited for a budget). */
    public boolean postpone(long id, String worker, Instant nextAttempt, String reason, Instant now) {
        return database.jdbi().withHandle(h -> h.createUpdate("UPDATE work_items SET state = 'pending', attempts = CASE WHEN attempts > 0 "
                        + "THEN attempts - 1 ELSE 0 END, next_attempt_at = :next, last_error = :error, lease_until = NULL, claimed_by = NULL, "
                        + "updated_at = :now WHERE id = :id AND state = 'running' AND claimed_by = :worker")
                .bind("next", nextAttempt.toEpochMilli())
                .bind("error", reason)
                .bind("now", now.toEpochMilli())
                .bind("id", id)
                .bind("worker", worker)
                .execute() == 1);
    }

    public boolean deadLetter(long id, String worker, String reason, Instant now) {
        return finish(id, worker, "dead", now, reason, now);
    }

    private boolean finish(long id, String worker, String state, Instant next, String error, Instant now) {
        return database.jdbi().withHandle(h -> h.createUpdate("UPDATE work_items SET state = :state, next_attempt_at = :next, "
                        + "last_error = COALESCE(:error, last_error), lease_until = NULL, claimed_by = NULL, updated_at = :now "
                        + "WHERE id = :id AND state = 'running' AND claimed_by = :worker")
                .bind("state", state)
                .bind("next", next.toEpochMilli())
                .bind("error", error)
                .bind("now", now.toEpochMilli())
                .bind("id", id)
                .bind("worker", worker)
                .execute() == 1);
    }

    /** Keeps a long-running item leased (e.g. while a Zendesk job is polled). */
    public boolean extendLease(long id, String worker, Instant until) {
        return database.jdbi().withHandle(h -> h.createUpdate("UPDATE work_items SET lease_until = :until WHERE id = :id "
                + "AND state = 'running' AND claimed_by = :worker").bind("until", until.toEpochMilli()).bind("id", id)
                .bind("worker", worker).execute() == 1);
    }

    /** Puts dead letters of a connection (optionally one kind) back in line; returns how many. */
    public int replayDeadLetters(String connectionId, Optional<String> kind, Instant now) {
        return database.jdbi().withHandle(h -> h.createUpdate("UPDATE work_items SET state = 'pending', attempts = 0, next_attempt_at = :now, "
                        + "updated_at = :now WHERE connection_id = :connection AND state = 'dead'" + (kind.isPresent() ? " AND kind = :kind" : ""))
                .bind("now", now.toEpochMilli())
                .bind("connection", connectionId)
                .bind("kind", kind.orElse(null))
                .execute());
    }

    public List<WorkItem> items(String connectionId, WorkState state, int limit) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM work_items WHERE connection_id = :connection "
                        + "AND state = :state ORDER BY id LIMIT :limit")
                .bind("connection", connectionId).bind("state", state.column()).bind("limit", limit)
                .map((rs, ctx) -> item(rs)).list());
    }

    public Optional<WorkItem> find(long id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM work_items WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> item(rs)).findOne());
    }

    public Map<WorkState, Long> countsByState() {
        var counts = new EnumMap<WorkState, Long>(WorkState.class);
        for (var state : WorkState.values()) {
            counts.put(state, 0L);
        }
        database.jdbi().useHandle(h -> h.createQuery("SELECT state, COUNT(*) FROM work_items GROUP BY state")
                .map((rs, ctx) -> Map.entry(WorkState.of(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** When the oldest unfinished item was stored, if any. */
    public Optional<Instant> oldestPending() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT MIN(created_at) FROM work_items WHERE state IN ('pending', 'running')")
                .map((rs, ctx) -> rs.getObject(1) == null ? null : Instant.ofEpochMilli(rs.getLong(1))).findOne());
    }

    /** Unfinished (pending or running) items of {@code kinds}, and when the oldest of them was stored. */
    public Backlog backlog(Collection<String> kinds) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*), MIN(created_at) FROM work_items WHERE kind IN (<kinds>) "
                        + "AND state IN ('pending', 'running')")
                .bindList("kinds", List.copyOf(kinds))
                .map((rs, ctx) -> new Backlog(rs.getLong(1), rs.getObject(2) == null ? Optional.empty()
                        : Optional.of(Instant.ofEpochMilli(rs.getLong(2))))).one());
    }

    /** Pending items of {@code kinds} due by {@code now}, and since when the longest-due of them has been due. */
    public Backlog due(Collection<String> kinds, Instant now) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*), MIN(next_attempt_at) FROM work_items WHERE kind IN (<kinds>) "
                        + "AND state = 'pending' AND next_attempt_at <= :now")
                .bindList("kinds", List.copyOf(kinds))
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new Backlog(rs.getLong(1), rs.getObject(2) == null ? Optional.empty()
                        : Optional.of(Instant.ofEpochMilli(rs.getLong(2))))).one());
    }

    /**
     * Pending items of {@code kinds} due by {@code now} that are first in their key's line (what {@link #claim} can take
     * now): how many, since when the longest-due of them has been due, and when the latest of them fell due.
     */
    public DueHeads dueHeads(Collection<String> kinds, Instant now) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*), MIN(w.next_attempt_at), MAX(w.next_attempt_at) FROM work_items w "
                        + "WHERE w.kind IN (<kinds>) AND w.state = 'pending' AND w.next_attempt_at <= :now "
                        + "AND NOT EXISTS (SELECT 1 FROM work_items e WHERE e.connection_id = w.connection_id AND e.item_key = w.item_key "
                        + "AND e.id < w.id AND e.state IN ('pending', 'running'))")
                .bindList("kinds", List.copyOf(kinds))
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> rs.getLong(1) == 0 ? new DueHeads(0, Optional.empty(), Optional.empty())
                        : new DueHeads(rs.getLong(1), Optional.of(Instant.ofEpochMilli(rs.getLong(2))), Optional.of(Instant.ofEpochMilli(rs.getLong(3)))))
                .one());
    }

    /** Due items first in their key's line: how many, and the earliest and latest times they fell due. */
    public record DueHeads(long items, Optional<Instant> oldest, Optional<Instant> newest) {
    }

    /** Pending items of {@code kinds} not due yet (waiting out a backoff), and the earliest time one falls due. */
    public Backlog notYetDue(Collection<String> kinds, Instant now) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*), MIN(next_attempt_at) FROM work_items WHERE kind IN (<kinds>) "
                        + "AND state = 'pending' AND next_attempt_at > :now")
                .bindList("kinds", List.copyOf(kinds))
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new Backlog(rs.getLong(1), rs.getObject(2) == null ? Optional.empty()
                        : Optional.of(Instant.ofEpochMilli(rs.getLong(2))))).one());
    }

    /**
     * How many items of {@code kinds} are running, or pending and due by {@code by} (work in hand or soon to be), leaving
     * out each item keyed {@code prefix + x} while an unfinished item of {@code followUpKinds} keyed {@code followUpPrefix + x}
     * waits: its own follow-up would have to queue behind that one anyway.
     */
    public long inHandWithoutWaitingFollowUp(Collection<String> kinds, Instant by, String prefix, Collection<String> followUpKinds,
                                             String followUpPrefix) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM work_items u WHERE u.kind IN (<kinds>) "
                        + "AND (u.state = 'running' OR (u.state = 'pending' AND u.next_attempt_at <= :by)) "
                        + "AND NOT (SUBSTR(u.item_key, 1, :length) = :prefix AND EXISTS (SELECT 1 FROM work_items f WHERE f.connection_id = u.connection_id "
                        + "AND f.kind IN (<followUpKinds>) AND f.state IN ('pending', 'running') "
                        + "AND f.item_key = :followUpPrefix || SUBSTR(u.item_key, :from)))")
                .bindList("kinds", List.copyOf(kinds))
                .bindList("followUpKinds", List.copyOf(followUpKinds))
                .bind("by", by.toEpochMilli())
                .bind("prefix", prefix)
                .bind("length", prefix.length())
                .bind("followUpPrefix", followUpPrefix)
                .bind("from", prefix.length() + 1)
                .mapTo(Long.class).one());
    }

    /** How much unfinished work of some kinds there is. */
    public record Backlog(long items, Optional<Instant> oldest) {
    }

    /** Dead letters of a connection and some kinds, oldest first. */
    public List<WorkItem> deadLetters(String connectionId, Collection<String> kinds, int limit) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM work_items WHERE connection_id = :connection "
                        + "AND state = 'dead' AND kind IN (<kinds>) ORDER BY id LIMIT :limit")
                .bind("connection", connectionId).bindList("kinds", List.copyOf(kinds)).bind("limit", limit)
                .map((rs, ctx) -> item(rs)).list());
    }

    /** Per kind of one connection's work: counts by state (done only since {@code since}) and the oldest unfinished item. */
    public List<KindSummary> summaryByKind(String connectionId, Instant since) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT kind, "
                        + "SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), SUM(CASE WHEN state = 'running' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN state = 'done' AND updated_at >= :since THEN 1 ELSE 0 END), SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END), "
                        + "MIN(CASE WHEN state IN ('pending', 'running') THEN created_at END) "
                        + "FROM work_items WHERE connection_id = :connection GROUP BY kind ORDER BY kind")
                .bind("connection", connectionId).bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new KindSummary(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getObject(6) == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(rs.getLong(6)))))
                .list());
    }

    /** Whether the connection has an item of {@code kind} waiting or running. */
    public boolean unfinished(String connectionId, String kind) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM work_items WHERE connection_id = :connection AND kind = :kind "
                        + "AND state IN ('pending', 'running')")
                .bind("connection", connectionId).bind("kind", kind).mapTo(Long.class).one() > 0);
    }

    /** One connection's most recent items of {@code kind}, newest first, whatever their state. */
    public List<WorkItem> recent(String connectionId, String kind, int limit) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM work_items WHERE connection_id = :connection "
                        + "AND kind = :kind ORDER BY id DESC LIMIT :limit")
                .bind("connection", connectionId).bind("kind", kind).bind("limit", limit)
                .map((rs, ctx) -> item(rs)).list());
    }

    private static WorkItem item(ResultSet rs) throws SQLException {
        return new WorkItem(rs.getLong("id"), rs.getString("connection_id"), rs.getString("kind"), rs.getString("item_key"),
                rs.getString("payload"), rs.getString("idempotency_key"), WorkState.of(rs.getString("state")), rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")), Optional.ofNullable(rs.getString("last_error")),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
