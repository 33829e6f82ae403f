package io.engagementbridge.relay;

import io.engagementbridge.demo.engagement.Faults;
import io.engagementbridge.webhook.WebhookSignature;
import io.engagementbridge.work.WorkState;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Engagement failing in every documented way, and webhooks that are not Zendesk's: nothing is lost, nothing arrives twice or uninvited. */
class RelayUnderFailuresTest {
    static final OkHttpClient HTTP = new OkHttpClient();

    @TempDir
    Path dir;
    RelayTestBed bed;

    @AfterEach
    void close() {
        if (bed != null) {
            bed.close();
        }
    }

    private void awaitRelayed(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> bed.unfinished() == 0
                && bed.zendesk.simulator().webhookInvocations().stream().noneMatch(invocation -> invocation.status().equals("pending")));
    }

    @Test
    void every_engagement_failure_mode_still_delivers_each_event_exactly_once() throws Exception {
        bed = new RelayTestBed(dir, 10, Map.of());
        // Per 100 calls: 15 × 500, 15 × 429, 5 hang past the client's timeout, 10 × a 200 that is not JSON, 15 × 503;
        // and of the commands in answered batches, 20 % fail on their own.
        bed.engagement.setFaults(new Faults(15, 15, 5, 10, Duration.ofSeconds(4), 15, 20));
        var tickets = new ArrayList<Long>();
        for (int i = 0; i < 30; i++) {
            tickets.add(bed.createTicket("Order " + i, "Where is it?", "Customer " + i, "customer" + i + "@example.com"));
        }

        awaitRelayed(Duration.ofSeconds(90));

        var stored = bed.storedByTicketAndAction();
        for (var id : tickets) {
            assertThat(stored.get(id + ":created")).as("ticket " + id).hasSize(1);
        }
        assertThat(bed.engagement.trackedEvents()).hasSize(tickets.size());
        var sends = bed.zendesk.writeSide().work().items(bed.connectionId(), WorkState.DONE, 1_000).stream()
                .filter(item -> item.kind().equals(RelaySender.KIND)).toList();
        assertThat(sends).hasSize(tickets.size()).anySatisfy(item -> assertThat(item.attempts()).isGreaterThan(1));
        assertThat(bed.zendesk.writeSide().work().deadLetters(bed.connectionId(), RelaySender.EVENT_KINDS, 10)).isEmpty();
    }

    @Test
    void an_event_engagement_refuses_as_invalid_is_dead_lettered_with_engagements_reason() throws Exception {
        bed = new RelayTestBed(dir, 1, Map.of(RelaySettings.CUSTOMER_ID_NAME, "loyalty_number"));
        var id = bed.createTicket("Order", "Where is it?", "Ada", "ada@example.com");

        await().atMost(Duration.ofSeconds(20)).until(() -> !bed.zendesk.writeSide().work()
                .deadLetters(bed.connectionId(), RelaySender.EVENT_KINDS, 10).isEmpty());

        assertThat(bed.zendesk.writeSide().work().deadLetters(bed.connectionId(), RelaySender.EVENT_KINDS, 10)).singleElement()
                .satisfies(item -> assertThat(item.lastError()).hasValue(
                        "Engagement refused the event: Customer id 'loyalty_number' is not defined in this project."));
        assertThat(bed.engagement.trackedEvents()).isEmpty();
        assertThat(id).isPositive();
    }

    @Test
    void forged_tampered_stale_and_replayed_webhooks_never_reach_engagement() throws Exception {
        bed = new RelayTestBed(dir, 1, Map.of());
        bed.zendesk.simulator().faults().setWebhookDropShare(1.0);
        var id = bed.createTicket("Order", "Where is it?", "Ada", "ada@example.com");
        var secret = bed.zendesk.writeSide().connectionRepository().secrets(bed.connectionId()).orElseThrow().secrets().webhookSigningSecret();
        var body = "{\"event\":\"ticket_solved\",\"ticket_id\":\"" + id + "\",\"requester_id\":\"1\",\"requester_email\":\"ada@example.com\","
                + "\"updated_at\":\"2026-12-01T10:00:00Z\"}";
        var now = bed.clock.instant().toString();

        assertThat(deliver(body, now, WebhookSignature.signBase64("a-forgers-guess", now, bytes(body)), "inv-forged")).isEqualTo(401);
        assertThat(deliver(body.replace("ticket_solved", "ticket_created"), now, WebhookSignature.signBase64(secret, now, bytes(body)), "inv-tampered"))
                .isEqualTo(401);
        var stale = bed.clock.instant().minus(Duration.ofMinutes(6)).toString();
        assertThat(deliver(body, stale, WebhookSignature.signBase64(secret, stale, bytes(body)), "inv-stale")).isEqualTo(401);

        var signed = WebhookSignature.signBase64(secret, now, bytes(body));
        assertThat(deliver(body, now, signed, "inv-real")).isEqualTo(200);
        assertThat(deliver(body, now, signed, "inv-real")).as("Zendesk retrying the same invocation").isEqualTo(200);
        assertThat(deliver(body, now, signed, "inv-second")).as("the same action invoking the webhook twice").isEqualTo(200);
        awaitRelayed(Duration.ofSeconds(20));

        assertThat(bed.engagement.trackedEvents()).singleElement()
                .satisfies(event -> assertThat(event.properties()).containsEntry("action", "solved").containsEntry("ticket_id", (int) id));
    }

    private int deliver(String body, String timestamp, String signature, String invocation) throws Exception {
        var request = new Request.Builder().url("http://127.0.0.1:" + bed.backend.port() + "/v1/zendesk/webhook/" + bed.connectionId())
                .header("X-Zendesk-Webhook-Signature", signature)
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .header("X-Zendesk-Webhook-Invocation-Id", invocation)
                .post(RequestBody.create(bytes(body), MediaType.get("application/json"))).build();
        try (var response = HTTP.newCall(request).execute()) {
            return response.code();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
