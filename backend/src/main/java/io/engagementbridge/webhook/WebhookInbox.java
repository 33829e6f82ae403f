package io.engagementbridge.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.web.ApiException;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.WorkRepository;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /v1/zendesk/webhook/{connection}}: verifies Zendesk's signature with the connection's
 * own signing secret, stores the event as work exactly once per invocation id, then answers 200.
 * A store failure answers 503 with Retry-After (see {@code App}), the one failure Zendesk retries (a 500 is lost).
 */
public final class WebhookInbox {
    public static final String PATH = "/v1/zendesk/webhook/{connection}";
    public static final String KIND = "zendesk_webhook";

    private final ConnectionRepository connections;
    private final WorkRepository work;
    private final WebhookSignature signature;
    private final ObjectMapper mapper;
    private final Clock clock;

    public WebhookInbox(ConnectionRepository connections, WorkRepository work, ObjectMapper mapper, Clock clock) {
        this.connections = connections;
        this.work = work;
        this.signature = new WebhookSignature(clock);
        this.mapper = mapper;
        this.clock = clock;
    }

    public void receive(Context ctx) {
        var connectionId = ctx.pathParam("connection");
        var body = ctx.bodyAsBytes();
        var secrets = connections.secrets(connectionId)
                .orElseThrow(() -> new ApiException(404, "No connection " + connectionId + " on this backend: check the webhook's endpoint URL"));
        var secret = secrets.secrets().webhookSigningSecret();
        var rejection = signature.rejection(secret, ctx.header("X-Zendesk-Webhook-Signature"),
                ctx.header("X-Zendesk-Webhook-Signature-Timestamp"), body);
        if (rejection.isPresent()) {
            throw new ApiException(401, "Webhook refused: " + rejection.get());
        }
        var invocation = ctx.header("X-Zendesk-Webhook-Invocation-Id");
        if (invocation == null || invocation.isBlank() || invocation.length() > 200) {
            throw new ApiException(400, "Webhook refused: X-Zendesk-Webhook-Invocation-Id is missing");
        }
        var event = parse(body);
        var stored = work.enqueue(new NewWork(connectionId, KIND, orderingKey(event),
                new String(body, StandardCharsets.UTF_8), "invocation:" + invocation.trim()), clock.instant());
        // A repeat of a stored invocation is Zendesk retrying: 200 ends its retries (it would retry a 409).
        ctx.json(Map.of("status", stored ? "stored" : "duplicate"));
    }

    private JsonNode parse(byte[] body) {
        try {
            var node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiException(400, "Webhook refused: the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ApiException(400, "Webhook refused: the body is not JSON");
        }
    }

    /** Events about one ticket are handled in order; others share one line per connection. */
    private static String orderingKey(JsonNode event) {
        var ticket = event.path("ticket_id").asText(event.path("ticket").path("id").asText(event.path("detail").path("id").asText("")));
        return ticket.isEmpty() ? "webhook" : "ticket:" + ticket;
    }
}
