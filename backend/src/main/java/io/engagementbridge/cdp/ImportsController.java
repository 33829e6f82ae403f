package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.Connections;
import io.engagementbridge.web.ApiException;
import io.engagementbridge.web.LimitedBody;
import io.engagementbridge.work.WorkRepository;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/cdp/imports}: a CSV or NDJSON body of users, authenticated by the connection's inbound
 * token, stored with all its rows and queued in one transaction; the answer (202, the import's id) comes
 * after. {@code GET /v1/cdp/imports/{id}}: progress, counts and the rows' outcomes, a page at a time.
 */
public final class ImportsController {
    public static final String PATH = "/v1/cdp/imports";
    public static final String ONE = PATH + "/{id}";
    private static final String TOO_LARGE = "The upload is larger than 50 MB: split it into several imports";
    static final int MAX_BODY_BYTES = 50 * 1024 * 1024;
    private static final int MAX_LISTED = 1000;

    private final Connections connections;
    private final Imports imports;
    private final WorkRepository work;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Runnable stored;

    /** {@code stored} runs after an import was stored (to wake the workers). */
    public ImportsController(Connections connections, Imports imports, WorkRepository work, ObjectMapper mapper, Clock clock, Runnable stored) {
        this.connections = connections;
        this.imports = imports;
        this.work = work;
        this.mapper = mapper;
        this.clock = clock;
        this.stored = stored;
    }

    public void create(Context ctx) throws IOException {
        var connection = CdpInbox.caller(connections, ctx);
        var format = Optional.ofNullable(ctx.queryParam("format")).map(f -> "." + f.trim().toLowerCase(Locale.ROOT)).orElse(ctx.contentType());
        var bulk = !"false".equalsIgnoreCase(ctx.queryParam("bulk"));
        var audience = ctx.queryParam("audience");
        var body = LimitedBody.read(ctx, MAX_BODY_BYTES, TOO_LARGE);
        Imports.Started started;
        try {
            started = imports.store(connection.id(), "http upload", body, format, audience, bulk,
                    (handle, id) -> {
                        work.enqueue(handle, ImportWork.of(connection.id(), id, bulk, mapper, "import:" + id), clock.instant());
                        work.enqueue(handle, CdpRetention.due(connection.id(), clock.instant()), clock.instant());
                    });
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage().replace("--audience", "audience"));
        }
        if (started.resumed() && imports.summary(started.id()).map(s -> s.status().equals("stopped")).orElse(false)) {
            // The same input again after it stopped (bulk imports disabled, say): run it again, never store it twice.
            work.enqueue(ImportWork.of(connection.id(), started.id(), bulk, mapper, "import:" + started.id() + ":" + clock.instant().toEpochMilli()),
                    clock.instant());
        }
        stored.run();
        var answer = new LinkedHashMap<String, Object>();
        answer.put("id", started.id());
        answer.put("rows", started.rows());
        answer.put("resumed", started.resumed());
        answer.put("url", ONE.replace("{id}", started.id()));
        ctx.status(202).json(answer);
    }

    public void show(Context ctx) {
        var connection = CdpInbox.caller(connections, ctx);
        var summary = imports.summary(ctx.pathParam("id")).filter(s -> s.connectionId().equals(connection.id()))
                .orElseThrow(() -> new ApiException(404, "No import " + ctx.pathParam("id") + " for this connection: use the id POST " + PATH + " returned"));
        var status = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isBlank()).map(ImportsController::status);
        var from = number(ctx.queryParam("from"), 1, Integer.MAX_VALUE, "from");
        var limit = number(ctx.queryParam("limit"), 100, MAX_LISTED, "limit");
        var counts = new LinkedHashMap<String, Integer>();
        summary.counts().forEach((s, n) -> counts.put(s.column(), n));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("id", summary.id());
        answer.put("status", summary.status());
        answer.put("note", summary.note());
        answer.put("total", summary.total());
        answer.put("done", summary.settled());
        answer.put("counts", counts);
        answer.put("rows", imports.rows(summary.id(), status, from, limit).stream().map(row -> {
            var node = new LinkedHashMap<String, Object>();
            node.put("row", row.row());
            node.put("user", row.user());
            node.put("outcome", row.status().column());
            node.put("zendesk_user_id", row.zendeskUserId());
            node.put("reason", row.reason());
            node.put("fix", row.fix());
            return node;
        }).toList());
        ctx.json(answer);
    }

    private static ImportStatus status(String value) {
        try {
            return ImportStatus.of(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "status must be one of pending, sending, created, updated, unchanged or failed");
        }
    }

    private static int number(String value, int fallback, int max, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
            throw new ApiException(400, name + " must be a whole number from 1 to " + max);
        }
        return Integer.parseInt(value);
    }
}
