package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.store.Database;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.ZendeskClients;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Bulk imports of users into Zendesk, for the {@code sync} command and {@code /v1/cdp/imports}: an input
 * is stored as an import with all its rows (or found again, when the same input for the same connection
 * is still unfinished), then run to the end, and its outcomes read back.
 */
public final class Imports {
    /** A stored import and whether it was found again rather than created. */
    public record Started(String id, boolean resumed, int rows) {
    }

    /** Where an import stands. */
    public record Summary(String id, String connectionId, String source, String status, String note, int total, Map<ImportStatus, Integer> counts) {
        public boolean finished() {
            return status.equals("finished");
        }

        /** Rows with an outcome (written, unchanged or failed). */
        public int settled() {
            return counts.entrySet().stream().filter(e -> e.getKey().settled()).mapToInt(Map.Entry::getValue).sum();
        }

        public int failed() {
            return counts.getOrDefault(ImportStatus.FAILED, 0);
        }
    }

    /** One row's outcome, as reports show it. */
    public record RowReport(int row, String user, ImportStatus status, Long zendeskUserId, String reason, String fix) {
    }

    private final ImportStore store;
    private final ImportRows rows;
    private final ImportRunner runner;
    private final ConnectionRepository connections;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Imports(Database database, ConnectionRepository connections, ZendeskClients clients, ZendeskOAuthConfig operatorClient,
                   ObjectMapper mapper, Clock clock, JobPoller.Sleeper sleeper) {
        this(database, connections, clients, operatorClient, mapper, clock, sleeper, ImportRowCounts.NONE);
    }

    /** As above, with every row counted as it is stored and as it gets its outcome (for the metrics). */
    public Imports(Database database, ConnectionRepository connections, ZendeskClients clients, ZendeskOAuthConfig operatorClient,
                   ObjectMapper mapper, Clock clock, JobPoller.Sleeper sleeper, ImportRowCounts counts) {
        this.store = new ImportStore(database, counts);
        this.rows = new ImportRows(mapper);
        this.runner = new ImportRunner(store, new CdpConnections(connections, clients, operatorClient, sleeper), mapper, clock, sleeper);
        this.connections = connections;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Stores {@code input} (CSV or NDJSON) as an import of {@code connectionId}, every row before any write,
     * or finds the unfinished import of the same input again. Throws {@link IllegalArgumentException} with
     * what to fix when the input cannot be read or the connection does not exist.
     */
    public Started store(String connectionId, String source, byte[] input, String format, String audience, boolean bulk) {
        return store(connectionId, source, input, format, audience, bulk, (handle, id) -> { });
    }

    /** As above; {@code alsoInTransaction} runs in the transaction that stores a new import (to queue its work). */
    public Started store(String connectionId, String source, byte[] input, String format, String audience, boolean bulk,
                         java.util.function.BiConsumer<org.jdbi.v3.core.Handle, String> alsoInTransaction) {
        var connection = connections.find(connectionId)
                .orElseThrow(() -> new IllegalArgumentException("connection " + connectionId + " does not exist: list them with 'connections list'"));
        var parsedFormat = ImportRows.Format.of(format);
        if (parsedFormat == null) {
            throw new IllegalArgumentException("cannot tell the format of " + source + ": use a .csv or .ndjson file (or Content-Type text/csv or application/x-ndjson)");
        }
        if (audience != null && audience.isBlank()) {
            throw new IllegalArgumentException("--audience needs a name");
        }
        var digest = ImportUsers.digest(parsedFormat + "\n" + (audience == null ? "" : audience) + "\n" + new String(input, StandardCharsets.ISO_8859_1));
        var unfinished = store.unfinished(connectionId, digest);
        if (unfinished.isPresent()) {
            return new Started(unfinished.get(), true, store.find(unfinished.get()).orElseThrow().total());
        }
        List<ImportRows.Row> parsed;
        try {
            parsed = rows.read(input, parsedFormat, audience, CdpSettings.of(connection), clock.instant());
        } catch (ImportRows.Unreadable e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(source + " has no rows: nothing to import");
        }
        var id = "imp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        store.create(new ImportStore.Stored(id, connectionId, source, digest, audience, bulk, "running", null, parsed.size(), clock.instant()),
                parsed, clock.instant(), handle -> alsoInTransaction.accept(handle, id));
        return new Started(id, false, parsed.size());
    }

    /**
     * Runs the import until every row has an outcome, or until {@code until} (then false: run again to continue).
     * Throws {@link ImportRunner.BulkDisabled} (nothing more sent) when the account refuses bulk imports.
     */
    public boolean run(String id, boolean bulk, Instant until, ImportRunner.Progress progress) throws InterruptedException {
        return runner.run(id, bulk, until, progress);
    }

    /** Marks the import stopped with the reason (it resumes when run again). */
    public void stop(String id, String note) {
        store.stop(id, note, clock.instant());
    }

    public Optional<Summary> summary(String id) {
        return store.find(id).map(found -> new Summary(found.id(), found.connectionId(), found.source(), found.status(), found.note(), found.total(),
                store.counts(id)));
    }

    /** A connection's imports, newest first, each with when it was stored: the admin page's Sync panel. */
    public List<Listed> recent(String connectionId, int limit) {
        return store.recent(connectionId, limit).stream().map(found -> new Listed(new Summary(found.id(), found.connectionId(), found.source(),
                found.status(), found.note(), found.total(), store.counts(found.id())), found.createdAt())).toList();
    }

    /** An import as listed: where it stands and when it was stored. */
    public record Listed(Summary summary, Instant createdAt) {
    }

    /** Rows from row number {@code from} on, optionally only those with {@code status}. */
    public List<RowReport> rows(String id, Optional<ImportStatus> status, int from, int limit) {
        return store.rows(id, status, from, limit).stream().map(row -> new RowReport(row.number(), user(row), row.status(), row.userId(),
                row.reason(), row.fix())).toList();
    }

    private String user(ImportStore.StoredRow row) {
        if (row.userKey() != null) {
            return row.userKey().substring(row.userKey().indexOf(':') + 1);
        }
        try {
            var message = mapper.readTree(row.message());
            return message.path("userId").asText(message.path("traits").path("email").asText(""));
        } catch (Exception e) {
            return "";
        }
    }
}
