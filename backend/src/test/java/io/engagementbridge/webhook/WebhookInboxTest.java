package io.engagementbridge.webhook;

import io.engagementbridge.App;
import io.engagementbridge.TestBackends;
import io.engagementbridge.WriteSide;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.connection.TestConnections;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.store.TestDatabases;
import io.engagementbridge.work.WorkState;
import io.javalin.testtools.JavalinTest;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookInboxTest {
    static final okhttp3.OkHttpClient HTTP = new okhttp3.OkHttpClient();
    static final String BODY = "{\"ticket_id\": 4711, \"event\": \"ticket_created\", \"requester_email\": \"ada@example.com\"}";

    @TempDir
    Path dir;
    final TestBackends backends = new TestBackends();
    WriteSide writeSide;
    String secret;

    @BeforeEach
    void open() {
        writeSide = WriteSide.open(new WriteSideConfig(TestDatabases.sqlite(dir), TestConnections.MASTER_KEY,
                new HostPolicy(List.of("*.zendesk.com"), false), null), App.mapper(), backends.clock);
        TestConnections.insert(writeSide.database(), "c_acme");
        secret = writeSide.connectionRepository().secrets("c_acme").orElseThrow().secrets().webhookSigningSecret();
    }

    @AfterEach
    void close() {
        writeSide.close();
    }

    Request delivery(String connection, String body, String timestamp, String signature, String invocation) {
        return new Request.Builder().url("http://placeholder/v1/zendesk/webhook/" + connection)
                .header("X-Zendesk-Webhook-Signature", signature)
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .header("X-Zendesk-Webhook-Invocation-Id", invocation)
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), okhttp3.MediaType.get("application/json")))
                .build();
    }

    String now() {
        return backends.clock.instant().toString();
    }

    int send(io.javalin.testtools.HttpClient client, Request request) throws Exception {
        var url = client.getOrigin() + request.url().encodedPath();
        try (var response = HTTP.newCall(request.newBuilder().url(url).build()).execute()) {
            return response.code();
        }
    }

    /** Deliveries stored, whatever the workers have done with them since (not the follow-up work they made of them). */
    long stored() {
        return Arrays.stream(WorkState.values())
                .flatMap(state -> writeSide.work().items("c_acme", state, 100).stream())
                .filter(item -> item.kind().equals(WebhookInbox.KIND))
                // States are read one after another, in the order items move through them: one that moved on is seen twice.
                .map(item -> item.id()).distinct().count();
    }

    @Test
    void a_validly_signed_delivery_is_stored_once_as_work_ordered_by_its_ticket() {
        JavalinTest.test(backends.app(writeSide), (server, client) -> {
            var signature = WebhookSignature.signBase64(secret, now(), BODY.getBytes(StandardCharsets.UTF_8));
            assertThat(send(client, delivery("c_acme", BODY, now(), signature, "inv-1"))).isEqualTo(200);

            // Whatever state the workers have moved it to by now.
            var items = Arrays.stream(WorkState.values()).flatMap(state -> writeSide.work().items("c_acme", state, 10).stream())
                    .filter(item -> item.kind().equals(WebhookInbox.KIND)).collect(java.util.stream.Collectors.toMap(item -> item.id(),
                            item -> item, (seen, later) -> later)).values();
            assertThat(items).singleElement().satisfies(item -> {
                assertThat(item.kind()).isEqualTo(WebhookInbox.KIND);
                assertThat(item.key()).isEqualTo("ticket:4711");
                assertThat(item.payload()).isEqualTo(BODY);
            });
        });
    }

    @Test
    void a_retried_invocation_is_acknowledged_so_zendesk_stops_retrying_and_is_not_stored_twice() {
        JavalinTest.test(backends.app(writeSide), (server, client) -> {
            var signature = WebhookSignature.signBase64(secret, now(), BODY.getBytes(StandardCharsets.UTF_8));
            assertThat(send(client, delivery("c_acme", BODY, now(), signature, "inv-1"))).isEqualTo(200);
            assertThat(send(client, delivery("c_acme", BODY, now(), signature, "inv-1"))).isEqualTo(200);
            assertThat(stored()).isEqualTo(1);
        });
    }

    @Test
    void forged_tampered_and_stale_deliveries_are_refused_and_never_stored() {
        JavalinTest.test(backends.app(writeSide), (server, client) -> {
            var forged = WebhookSignature.signBase64("not-the-connections-secret", now(), BODY.getBytes(StandardCharsets.UTF_8));
            assertThat(send(client, delivery("c_acme", BODY, now(), forged, "inv-1"))).isEqualTo(401);

            var valid = WebhookSignature.signBase64(secret, now(), BODY.getBytes(StandardCharsets.UTF_8));
            assertThat(send(client, delivery("c_acme", BODY.replace("4711", "4712"), now(), valid, "inv-2"))).isEqualTo(401);

            var old = backends.clock.instant().minus(Duration.ofMinutes(6)).toString();
            var staleSignature = WebhookSignature.signBase64(secret, old, BODY.getBytes(StandardCharsets.UTF_8));
            assertThat(send(client, delivery("c_acme", BODY, old, staleSignature, "inv-3"))).isEqualTo(401);

            assertThat(send(client, delivery("c_acme", BODY, now(), "", "inv-4"))).isEqualTo(401);
            assertThat(stored()).isZero();
        });
    }

    @Test
    void another_connections_secret_does_not_open_this_connections_inbox() {
        TestConnections.insert(writeSide.database(), "c_other");
        var otherSecret = writeSide.connectionRepository().secrets("c_other").orElseThrow().secrets().webhookSigningSecret();
        JavalinTest.test(backends.app(writeSide), (server, client) -> {
            var signature = WebhookSignature.signBase64(otherSecret, now(), BODY.getBytes(StandardCharsets.UTF_8));
            assertThat(send(client, delivery("c_acme", BODY, now(), signature, "inv-1"))).isEqualTo(401);
            assertThat(stored()).isZero();
        });
    }

    @Test
    void a_delivery_for_an_unknown_connection_gets_404_naming_the_url_to_check() {
        JavalinTest.test(backends.app(writeSide), (server, client) -> {
            var signature = WebhookSignature.signBase64(secret, now(), BODY.getBytes(StandardCharsets.UTF_8));
            var request = delivery("c_nobody", BODY, now(), signature, "inv-1");
            try (var response = HTTP.newCall(request.newBuilder().url(client.getOrigin() + "/v1/zendesk/webhook/c_nobody").build()).execute()) {
                assertThat(response.code()).isEqualTo(404);
                assertThat(response.body().string()).contains("check the webhook's endpoint URL");
            }
            assertThat(stored()).isZero();
        });
    }

    @Test
    void a_signed_body_that_is_not_json_is_refused_with_400() {
        JavalinTest.test(backends.app(writeSide), (server, client) -> {
            var body = "ticket 4711 created";
            var signature = WebhookSignature.signBase64(secret, now(), body.getBytes(StandardCharsets.UTF_8));
            assertThat(send(client, delivery("c_acme", body, now(), signature, "inv-1"))).isEqualTo(400);
            assertThat(stored()).isZero();
        });
    }

    @Test
    void when_the_store_is_down_zendesk_is_told_to_retry_with_503_and_retry_after() {
        JavalinTest.test(backends.app(writeSide), (server, client) -> {
            writeSide.database().close();
            var signature = WebhookSignature.signBase64(secret, now(), BODY.getBytes(StandardCharsets.UTF_8));
            var request = delivery("c_acme", BODY, now(), signature, "inv-1");
            try (var response = HTTP.newCall(request.newBuilder().url(client.getOrigin() + "/v1/zendesk/webhook/c_acme").build()).execute()) {
                assertThat(response.code()).isEqualTo(503);
                assertThat(response.header("Retry-After")).isEqualTo("10");
            }
        });
    }
}
