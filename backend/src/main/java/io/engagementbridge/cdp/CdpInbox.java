package io.engagementbridge.cdp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.Connections;
import io.engagementbridge.observability.Metrics;
import io.engagementbridge.store.Database;
import io.engagementbridge.web.ApiException;
import io.engagementbridge.web.LimitedBody;
import io.engagementbridge.work.WorkRepository;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /v1/cdp/events}: a Segment-spec message or {@code {"batch": […]}} from a CDP, authenticated
 * by the connection's inbound token. Every message is checked, the accepted ones stored as work and
 * every outcome logged in one transaction; only then the answer lists each message's result in order.
 * A request refused as a whole (401, 413, 400) stores nothing. {@code GET /v1/cdp/messages} lists outcomes.
 */
public final class CdpInbox {
    public static final String EVENTS_PATH = "/v1/cdp/events";
    public static final String MESSAGES_PATH = "/v1/cdp/messages";
    private static final String TOO_LARGE = "The request is larger than 500 KB: send at most 500 messages and 500 KB per batch";
    static final int MAX_BODY_BYTES = 500 * 1024;
    static final int MAX_BATCH = 500;
    private static final int MAX_LISTED = 1000;

    private final Connections connections;
    private final Database database;
    private final WorkRepository work;
    private final MessageLog log;
    private final ObjectMapper mapper;
    private final Metrics metrics;
    private final Clock clock;
    private final Runnable stored;
    private final Map<String, Instant> retentionAsked = new ConcurrentHashMap<>();

    /** {@code stored} runs after messages were stored (to wake the workers). */
    public CdpInbox(Connections connections, Database database, WorkRepository work, MessageLog log, ObjectMapper mapper, Metrics metrics,
                    Clock clock, Runnable stored) {
        this.connections = connections;
        this.database = database;
        this.work = work;
        this.log = log;
        this.mapper = mapper;
        this.metrics = metrics;
        this.clock = clock;
        this.stored = stored;
    }

    public void receive(Context ctx) throws IOException {
        var connection = caller(ctx);
        var body = LimitedBody.read(ctx, MAX_BODY_BYTES, TOO_LARGE);
        var messages = messages(body);
        var settings = CdpSettings.of(connection);
        var now = clock.instant();
        var parsed = new ArrayList<SegmentMessages.Parsed>(messages.size());
        var horizon = log.writtenHorizon(connection.id());
        for (var message : messages) {
            parsed.add(beforeHorizon(connection, SegmentMessages.parse(message, size(message), settings, now), horizon));
        }
        var results = database.jdbi().inTransaction(h -> {
            var list = new ArrayList<Map<String, Object>>(parsed.size());
            for (var each : parsed) {
                var result = new LinkedHashMap<String, Object>();
                result.put("messageId", each.messageId());
                if (each instanceof SegmentMessages.Accepted accepted) {
                    var message = accepted.message();
                    result.put("status", "accepted");
                    if (work.enqueue(h, CdpWork.of(connection.id(), message), now)) {
                        log.record(h, connection.id(), message.messageId(), message.type(), MessageStatus.ACCEPTED, null, message.sentAt(), now);
                    } else {
                        result.put("reason", "already received: a message with this messageId was stored before and is not stored again");
                    }
                } else {
                    var rejected = (SegmentMessages.Rejected) each;
                    result.put("status", "rejected");
                    result.put("reason", rejected.reason());
                    log.record(h, connection.id(), rejected.messageId(), rejected.type(), MessageStatus.REJECTED, rejected.reason(), now, now);
                }
                list.add(result);
            }
            return list;
        });
        results.forEach(result -> metrics.cdpMessage(String.valueOf(result.get("status"))));
        stored.run();
        keepRetention(connection, now);
        ctx.json(Map.of("results", results));
    }

    public void list(Context ctx) {
        var connection = caller(ctx);
        var status = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isBlank()).map(CdpInbox::status);
        var limit = limit(ctx.queryParam("limit"));
        var listed = log.list(connection.id(), status, limit).stream().map(logged -> {
            var node = new LinkedHashMap<String, Object>();
            node.put("messageId", logged.messageId());
            node.put("type", logged.type());
            node.put("status", logged.status().column());
            node.put("reason", logged.reason().orElse(null));
            node.put("timestamp", logged.sentAt().toString());
            node.put("receivedAt", logged.receivedAt().toString());
            node.put("updatedAt", logged.updatedAt().toString());
            return node;
        }).toList();
        ctx.json(Map.of("messages", listed));
    }

    private Connection caller(Context ctx) {
        return caller(connections, ctx);
    }

    /** The connection whose inbound token the request bears; 401 otherwise. */
    static Connection caller(Connections connections, Context ctx) {
        var header = ctx.header("Authorization");
        var token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        return connections.byInboundToken(token).orElseThrow(() -> new ApiException(401,
                "Missing or unknown inbound token: send Authorization: Bearer <the connection's inbound token>", Map.of("WWW-Authenticate", "Bearer")));
    }

    private List<JsonNode> messages(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "The body is not valid JSON: send one Segment message or {\"batch\": [ … ]}");
        } catch (IOException e) {
            throw new ApiException(400, "The body could not be read: send one Segment message or {\"batch\": [ … ]}");
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "The body must be a JSON object: one Segment message or {\"batch\": [ … ]}");
        }
        if (!root.has("batch")) {
            return List.of(root);
        }
        var batch = root.get("batch");
        if (!batch.isArray()) {
            throw new ApiException(400, "batch must be an array of Segment messages");
        }
        if (batch.isEmpty()) {
            throw new ApiException(400, "batch is empty: send at least one message");
        }
        if (batch.size() > MAX_BATCH) {
            throw new ApiException(413, "The batch has " + batch.size() + " messages; send at most " + MAX_BATCH + " per request");
        }
        var list = new ArrayList<JsonNode>(batch.size());
        batch.forEach(list::add);
        return list;
    }

    /** A user write older than the retention's purged horizon, rejected at the door (its worker would refuse it too). */
    private static SegmentMessages.Parsed beforeHorizon(Connection connection, SegmentMessages.Parsed parsed, Optional<Instant> horizon) {
        if (horizon.isEmpty() || !(parsed instanceof SegmentMessages.Accepted accepted) || !accepted.message().sentAt().isBefore(horizon.get())
                || !CdpWork.of(connection.id(), accepted.message()).kind().equals(CdpWork.USER_WRITE)) {
            return parsed;
        }
        return new SegmentMessages.Rejected(accepted.messageId(), accepted.message().type(), UserWrites.beforeHorizon(accepted.message(), horizon.get()));
    }

    private int size(JsonNode message) {
        try {
            return mapper.writeValueAsBytes(message).length;
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Makes sure the connection's retention chain runs (a no-op while it does); asked at most hourly per connection and process. */
    private void keepRetention(Connection connection, Instant now) {
        var last = retentionAsked.get(connection.id());
        if (last == null || !now.isBefore(last.plus(CdpRetention.EVERY))) {
            retentionAsked.put(connection.id(), now);
            work.enqueue(CdpRetention.due(connection.id(), now), now);
        }
    }

    private static MessageStatus status(String value) {
        try {
            return MessageStatus.of(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "status must be one of accepted, rejected, written or failed");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 100;
        }
        if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_LISTED) {
            throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LISTED);
        }
        return Integer.parseInt(value);
    }
}
