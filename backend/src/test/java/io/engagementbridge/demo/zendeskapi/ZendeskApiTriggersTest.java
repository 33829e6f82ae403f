package io.engagementbridge.demo.zendeskapi;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ZendeskApiTriggersTest {
    private static final String SECRET = "sim-webhook-signing-secret-for-tests";

    @StartStop
    private final MockWebServer receiver = new MockWebServer();
    private final SimulatorHarness zendesk = new SimulatorHarness(SimulatorLimits.defaults()
            .withWebhookTimings(Duration.ofSeconds(2), Duration.ofMillis(20)));

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void a_trigger_sets_priority_field_and_tag_from_the_requesters_tier_when_a_ticket_is_created() {
        zendesk.createUserField("{\"type\":\"dropdown\",\"key\":\"cdp_tier\",\"title\":\"Tier\",\"custom_field_options\":["
                + "{\"name\":\"Platinum\",\"value\":\"cdp_tier_1_platinum\"},{\"name\":\"Gold\",\"value\":\"cdp_tier_2_gold\"}]}");
        var tierField = zendesk.post("/api/v2/ticket_fields", "{\"ticket_field\":{\"type\":\"tagger\",\"title\":\"Customer tier\","
                + "\"custom_field_options\":[{\"name\":\"Platinum\",\"value\":\"cdp_tier_1_platinum\"},{\"name\":\"Gold\",\"value\":\"cdp_tier_2_gold\"}]}}")
                .json().at("/ticket_field/id").asLong();
        var trigger = zendesk.post("/api/v2/triggers.json", "{\"trigger\":{\"title\":\"Platinum first\",\"conditions\":{\"all\":["
                + "{\"field\":\"update_type\",\"operator\":\"is\",\"value\":\"Create\"},"
                + "{\"field\":\"requester.custom_fields.cdp_tier\",\"operator\":\"is\",\"value\":\"cdp_tier_1_platinum\"}]},"
                + "\"actions\":[{\"field\":\"priority\",\"value\":\"urgent\"},{\"field\":\"custom_fields_" + tierField + "\",\"value\":\"cdp_tier_1_platinum\"},"
                + "{\"field\":\"current_tags\",\"value\":\"cdp_scored\"}]}}");
        assertThat(trigger.code()).isEqualTo(201);
        zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"user_fields\":{\"cdp_tier\":\"cdp_tier_1_platinum\"}}}");

        var platinum = ticketFrom("ada@example.com", "Ada");
        var unknown = ticketFrom("bob@example.com", "Bob");

        var ticket = zendesk.simulator.ticket(platinum).orElseThrow();
        assertThat(ticket.priority()).isEqualTo("urgent");
        assertThat(ticket.customFields()).containsEntry(tierField, "cdp_tier_1_platinum");
        assertThat(ticket.tags()).contains("cdp_scored", "cdp_tier_1_platinum");
        assertThat(zendesk.simulator.ticket(unknown).orElseThrow().priority()).isNull();

        zendesk.put("/api/v2/tickets/" + platinum, "{\"ticket\":{\"priority\":\"low\"}}");
        assertThat(zendesk.simulator.ticket(platinum).orElseThrow().priority()).as("Create-only trigger must not fire on update").isEqualTo("low");
    }

    @Test
    void a_webhook_delivery_is_signed_and_retried_after_503_with_a_short_retry_after() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        var webhookId = webhookOnCreate();

        var ticketId = ticketFrom("ada@example.com", "Ada");

        var first = receiver.takeRequest(5, TimeUnit.SECONDS);
        var second = receiver.takeRequest(5, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        for (var request : new mockwebserver3.RecordedRequest[] {first, second}) {
            var body = request.getBody().utf8();
            var timestamp = request.getHeaders().get("X-Zendesk-Webhook-Signature-Timestamp");
            assertThat(request.getHeaders().get("X-Zendesk-Webhook-Signature")).isEqualTo(hmac(SECRET, timestamp + body));
            assertThat(request.getHeaders().get("X-Zendesk-Webhook-Id")).isEqualTo(webhookId);
            assertThat(body).isEqualTo("{\"ticket_id\":" + ticketId + ",\"email\":\"ada@example.com\",\"priority\":\"-\"}");
        }
        assertThat(second.getHeaders().get("X-Zendesk-Webhook-Invocation-Id")).isEqualTo(first.getHeaders().get("X-Zendesk-Webhook-Invocation-Id"));
        var invocation = finished();
        assertThat(invocation.status()).isEqualTo("success");
        assertThat(invocation.attempts()).extracting(WebhookInvocation.Attempt::statusCode).containsExactly(503, 200);
    }

    @Test
    void a_500_is_not_retried() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(500).build());
        webhookOnCreate();
        ticketFrom("ada@example.com", "Ada");
        assertThat(finished().attempts()).extracting(WebhookInvocation.Attempt::statusCode).containsExactly(500);
        assertThat(finished().status()).isEqualTo("failed");
    }

    @Test
    void a_503_asking_for_60_seconds_or_more_is_not_retried() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "60").build());
        webhookOnCreate();
        ticketFrom("ada@example.com", "Ada");
        assertThat(finished().attempts()).extracting(WebhookInvocation.Attempt::statusCode).containsExactly(503);
    }

    @Test
    void a_409_is_retried_three_times() throws Exception {
        for (int i = 0; i < 5; i++) {
            receiver.enqueue(new MockResponse.Builder().code(409).build());
        }
        webhookOnCreate();
        ticketFrom("ada@example.com", "Ada");
        assertThat(finished().attempts()).extracting(WebhookInvocation.Attempt::statusCode).containsExactly(409, 409, 409, 409);
        assertThat(receiver.getRequestCount()).isEqualTo(4);
    }

    @Test
    void dropped_deliveries_are_recorded_but_never_sent() throws Exception {
        zendesk.send("POST", "/simulator/faults", "{\"webhook_drop_share\":1.0}", null);
        webhookOnCreate();

        ticketFrom("ada@example.com", "Ada");

        assertThat(zendesk.simulator.webhookInvocations()).singleElement().satisfies(invocation -> {
            assertThat(invocation.status()).isEqualTo("dropped");
            assertThat(invocation.attempts()).isEmpty();
        });
        assertThat(receiver.takeRequest(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void the_signing_secret_is_readable_and_resettable_but_never_in_the_webhook_itself() {
        var id = webhookOnCreate();

        var webhook = zendesk.get("/api/v2/webhooks/" + id);
        assertThat(webhook.body()).doesNotContain(SECRET);
        assertThat(zendesk.get("/api/v2/webhooks/" + id + "/signing_secret").json().at("/signing_secret/secret").asText()).isEqualTo(SECRET);

        var reset = zendesk.post("/api/v2/webhooks/" + id + "/signing_secret", "{}").json().at("/signing_secret/secret").asText();
        assertThat(reset).isNotEqualTo(SECRET);
        assertThat(zendesk.simulator.webhook(id).orElseThrow().signingSecret()).isEqualTo(reset);
    }

    private String webhookOnCreate() {
        var webhook = zendesk.post("/api/v2/webhooks", "{\"webhook\":{\"name\":\"Relay\",\"endpoint\":\"" + receiver.url("/hook")
                + "\",\"http_method\":\"POST\",\"request_format\":\"json\",\"status\":\"active\",\"subscriptions\":[\"conditional_ticket_events\"],"
                + "\"signing_secret\":{\"algorithm\":\"SHA256\",\"secret\":\"" + SECRET + "\"}}}");
        assertThat(webhook.code()).isEqualTo(201);
        var id = webhook.json().at("/webhook/id").asText();
        var body = "{\\\"ticket_id\\\":{{ticket.id}},\\\"email\\\":\\\"{{ticket.requester.email}}\\\",\\\"priority\\\":\\\"{{ticket.priority}}\\\"}";
        var trigger = zendesk.post("/api/v2/triggers", "{\"trigger\":{\"title\":\"Relay created\",\"conditions\":{\"all\":["
                + "{\"field\":\"update_type\",\"operator\":\"is\",\"value\":\"Create\"}]},"
                + "\"actions\":[{\"field\":\"notification_webhook\",\"value\":[\"" + id + "\",\"" + body + "\"]}]}}");
        assertThat(trigger.code()).isEqualTo(201);
        return id;
    }

    private long ticketFrom(String email, String name) {
        var reply = zendesk.post("/api/v2/tickets", "{\"ticket\":{\"subject\":\"Help\",\"comment\":{\"body\":\"Hello\"},"
                + "\"requester\":{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}}}");
        assertThat(reply.code()).isEqualTo(201);
        return reply.json().at("/ticket/id").asLong();
    }

    private WebhookInvocation finished() throws InterruptedException {
        var deadline = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(deadline)) {
            var invocations = zendesk.simulator.webhookInvocations();
            if (!invocations.isEmpty() && !invocations.get(0).status().equals("pending")) {
                return invocations.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("webhook invocation did not finish: " + zendesk.simulator.webhookInvocations());
    }

    private static String hmac(String secret, String message) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
