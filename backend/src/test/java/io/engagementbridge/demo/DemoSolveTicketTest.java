package io.engagementbridge.demo;

import io.engagementbridge.App;
import io.engagementbridge.config.BridgeConfig;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The workspace's "Submit as Solved" as its page calls it, before Zendesk is connected and with ids it cannot solve. */
final class DemoSolveTicketTest {
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static Demo demo;

    @BeforeAll
    static void start() {
        demo = Demo.start(BridgeConfig.forLoopback(0), 0, 0, Map.of(), 0);
    }

    @AfterAll
    static void stop() {
        demo.stop();
    }

    private record Answer(int status, String message) {
    }

    private static Answer solve(String id) throws IOException {
        var request = new Request.Builder().url(demo.zendeskUrl() + "simulator/api/tickets/" + id + "/solve")
                .post(RequestBody.create(new byte[0])).build();
        try (var response = HTTP.newCall(request).execute()) {
            return new Answer(response.code(), App.mapper().readTree(response.body().string()).path("message").asText());
        }
    }

    @Test
    void solving_before_zendesk_is_connected_solves_the_ticket_in_zendesk_and_says_to_connect_for_the_relay() throws IOException {
        var ticket = demo.tickets().get(1);

        var answer = solve(String.valueOf(ticket.id()));

        assertThat(answer).isEqualTo(new Answer(200,
                "Ticket #" + ticket.id() + " solved. Connect Zendesk (under the sidebar) to relay ticket events to Engagement."));
        assertThat(demo.zendeskApi().ticket(ticket.id()).orElseThrow().status()).isEqualTo("solved");
        assertThat(demo.zendeskApi().webhookInvocations()).isEmpty();
        assertThat(demo.engagement().trackedEvents()).isEmpty();
    }

    @Test
    void a_ticket_zendesk_does_not_have_or_an_id_that_is_no_number_is_refused_with_a_line_for_the_agent() throws IOException {
        assertThat(solve("999999")).isEqualTo(new Answer(404, "Zendesk did not solve ticket #999999: it answered 404"));
        assertThat(solve("abc")).isEqualTo(new Answer(400, "The ticket id must be a number."));
    }
}
