package io.engagementbridge.cdp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming API's door: what it stores, what it refuses, and what it answers. */
class CdpInboxTest {
    @TempDir
    Path dir;
    CdpHarness cdp;

    @BeforeEach
    void open() {
        cdp = new CdpHarness(dir, 1);
    }

    @AfterEach
    void close() {
        cdp.close();
    }

    static String identify(String messageId, String userId) {
        return "{\"type\":\"identify\",\"messageId\":\"" + messageId + "\",\"userId\":\"" + userId + "\",\"traits\":{\"name\":\"Ada\"}}";
    }

    @Test
    void a_batch_is_answered_in_message_order_and_each_rejection_names_the_field_and_fix() {
        var reply = cdp.send("{\"batch\":[" + identify("m1", "u1") + ","
                + "{\"type\":\"identify\",\"messageId\":\"m2\",\"traits\":{\"name\":\"Nobody\"}},"
                + "{\"type\":\"page\",\"messageId\":\"m3\",\"userId\":\"u3\"},"
                + "{\"type\":\"group\",\"messageId\":\"m4\",\"traits\":{}},"
                + "{\"type\":\"track\",\"messageId\":\"m5\",\"userId\":\"u5\",\"event\":\"Order Completed\",\"timestamp\":\"yesterday\"},"
                + "{\"type\":\"track\",\"messageId\":\"m6\",\"userId\":\"u6\",\"event\":\"Order Completed\"}]}");

        assertThat(reply.code()).isEqualTo(200);
        var results = reply.body().path("results");
        assertThat(results).hasSize(6);
        assertThat(results.get(0).path("messageId").asText()).isEqualTo("m1");
        assertThat(results.get(0).path("status").asText()).isEqualTo("accepted");
        assertThat(results.get(1).path("status").asText()).isEqualTo("rejected");
        assertThat(results.get(1).path("reason").asText()).contains("userId or traits.email");
        assertThat(results.get(2).path("reason").asText()).contains("send identify, group or track");
        assertThat(results.get(3).path("reason").asText()).contains("groupId");
        assertThat(results.get(4).path("reason").asText()).contains("timestamp").contains("2026-12-01T10:00:00Z");
        assertThat(results.get(5).path("status").asText()).isEqualTo("accepted");
        assertThat(cdp.storedWork()).isEqualTo(2);
        assertThat(cdp.messages("?status=rejected").body().path("messages")).hasSize(4);
    }

    @Test
    void a_wrong_or_missing_token_gets_401_and_nothing_is_stored() {
        assertThat(cdp.send(identify("m1", "u1"), "ebt_not-the-token").code()).isEqualTo(401);
        var missing = cdp.send(identify("m1", "u1"), null);
        assertThat(missing.code()).isEqualTo(401);
        assertThat(missing.body().path("error").asText()).contains("Authorization: Bearer");
        assertThat(cdp.storedWork()).isZero();
        assertThat(cdp.messages("").body().path("messages")).isEmpty();
    }

    @Test
    void a_body_over_500_kb_or_a_batch_over_500_messages_gets_413_and_nothing_is_stored() {
        var big = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 40; i++) {
            big.append(i == 0 ? "" : ",").append("{\"type\":\"identify\",\"messageId\":\"m").append(i)
                    .append("\",\"userId\":\"u\",\"traits\":{\"notes\":\"").append("x".repeat(14_000)).append("\"}}");
        }
        var tooBig = cdp.send(big.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        assertThat(tooBig.code()).isEqualTo(413);
        assertThat(tooBig.body().path("error").asText()).contains("500 KB");

        var many = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append(identify("n" + i, "u" + i));
        }
        var tooMany = cdp.send(many.append("]}").toString());
        assertThat(tooMany.code()).isEqualTo(413);
        assertThat(tooMany.body().path("error").asText()).contains("at most 500");
        assertThat(cdp.storedWork()).isZero();
    }

    @Test
    void malformed_or_wrongly_shaped_bodies_get_400_and_nothing_is_stored() {
        var malformed = cdp.send("{\"type\":\"identify\",");
        assertThat(malformed.code()).isEqualTo(400);
        assertThat(malformed.body().path("error").asText()).isEqualTo("The body is not valid JSON: send one Segment message or {\"batch\": [ … ]}");
        assertThat(cdp.send("[" + identify("m1", "u1") + "]").code()).isEqualTo(400);
        assertThat(cdp.send("{\"batch\":{\"type\":\"identify\"}}").code()).isEqualTo(400);
        assertThat(cdp.send("{\"batch\":[]}").code()).isEqualTo(400);
        assertThat(cdp.storedWork()).isZero();
        assertThat(cdp.messages("").body().path("messages")).isEmpty();
    }

    @Test
    void a_message_over_32_kb_is_rejected_alone_and_its_batch_mates_are_stored() {
        var reply = cdp.send("{\"batch\":[{\"type\":\"identify\",\"messageId\":\"big\",\"userId\":\"u1\",\"traits\":{\"notes\":\""
                + "x".repeat(33_000) + "\"}}," + identify("small", "u2") + "]}");

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.body().path("results").get(0).path("reason").asText()).contains("at most 32 KB");
        assertThat(reply.body().path("results").get(1).path("status").asText()).isEqualTo("accepted");
        assertThat(cdp.storedWork()).isEqualTo(1);
    }

    @Test
    void a_replayed_message_id_is_acknowledged_but_stored_once() {
        cdp.send(identify("m1", "u1"));
        var replay = cdp.send(identify("m1", "u1"));

        assertThat(replay.body().path("results").get(0).path("status").asText()).isEqualTo("accepted");
        assertThat(replay.body().path("results").get(0).path("reason").asText()).contains("already received");
        assertThat(cdp.storedWork()).isEqualTo(1);
    }

    @Test
    void a_connections_required_traits_reject_an_identify_without_them_before_anything_is_written() {
        cdp.cdpSettings("{\"required_traits\":[\"email\",\"lastName\"]}");

        var reply = cdp.send("{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"u1\",\"traits\":{\"email\":\"ada@example.com\"}}");

        assertThat(reply.body().path("results").get(0).path("reason").asText())
                .isEqualTo("traits.lastName is required by this connection: add it (or remove it from the connection's cdp.required_traits)");
        assertThat(cdp.storedWork()).isZero();
        assertThat(cdp.zendesk().users()).noneMatch(user -> "u1".equals(user.externalId()));
    }

    @Test
    void message_outcomes_are_listed_by_status_and_purged_by_age() {
        cdp.cdpSettings("{\"retention_days\":1}");
        cdp.send("{\"type\":\"page\",\"messageId\":\"p1\",\"userId\":\"u1\"}");
        assertThat(cdp.messages("?status=rejected").body().path("messages")).singleElement()
                .satisfies(message -> assertThat(message.path("messageId").asText()).isEqualTo("p1"));
        assertThat(cdp.messages("?status=sent").code()).isEqualTo(400);

        var log = new MessageLog(cdp.account.writeSide().database());
        log.purge(cdp.account.connectionId(), cdp.clock.instant().minus(Duration.ofDays(1)));
        assertThat(cdp.messages("?status=rejected").body().path("messages")).hasSize(1);
        log.purge(cdp.account.connectionId(), cdp.clock.instant().plus(Duration.ofSeconds(1)));
        assertThat(cdp.messages("?status=rejected").body().path("messages")).isEmpty();
    }

    @Test
    void metrics_count_accepted_rejected_written_and_failed_messages_and_time_their_lag() {
        cdp.send("{\"batch\":[" + identify("m1", "u1") + ",{\"type\":\"identify\",\"messageId\":\"m2\",\"userId\":\"no-name\"},"
                + "{\"type\":\"alias\",\"messageId\":\"m3\"}]}");
        assertThat(cdp.outcome("m1").path("status").asText()).isEqualTo("written");
        assertThat(cdp.outcome("m2").path("reason").asText()).contains("name");

        var metrics = cdp.metrics();
        assertThat(metrics).contains("cdp_messages_total{outcome=\"accepted\"} 2.0", "cdp_messages_total{outcome=\"rejected\"} 1.0",
                "cdp_messages_total{outcome=\"written\"} 1.0", "cdp_messages_total{outcome=\"failed\"} 1.0", "cdp_message_lag_seconds_count 1",
                "bridge_cdp_backlog 0.0");
    }
}
