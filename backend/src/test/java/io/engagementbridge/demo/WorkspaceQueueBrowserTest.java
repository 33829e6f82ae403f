package io.engagementbridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.App;
import io.engagementbridge.demo.zendesk.SimulatedTicket;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent workspace's queue is what the demo's Zendesk API simulator holds, seeded with the demo tickets. */
final class WorkspaceQueueBrowserTest {
    static final String AGENT_EMAIL = "queue.agent@acme.example";
    static final String API_TOKEN = "workspace-queue-test-api-token-5b0e";
    private static final MediaType JSON = MediaType.get("application/json");

    private static final OkHttpClient http = new OkHttpClient();

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();

    @Test
    void the_workspace_starts_with_the_demo_tickets_and_their_requesters_as_zendesk_holds_them() throws IOException {
        var queue = queue();
        var seeded = demo().tickets();
        assertThat(queue).hasSizeGreaterThanOrEqualTo(seeded.size());
        for (var ticket : seeded) {
            var shown = ticket(queue, ticket.id());
            assertThat(shown.path("subject").asText()).isEqualTo(ticket.subject());
            assertThat(shown.path("priority").asText()).isEqualTo(ticket.priority());
            assertThat(App.mapper().treeToValue(shown.path("requester"), SimulatedTicket.Requester.class)).isEqualTo(ticket.requester());
            assertThat(demo().zendeskApi().ticket(ticket.id()).orElseThrow().requesterId()).isEqualTo(ticket.requester().id());
        }
    }

    @Test
    void a_ticket_created_through_the_zendesk_api_appears_in_the_workspace_queue() throws IOException {
        var created = call("POST", "/api/v2/tickets", """
                {"ticket": {"subject": "Can you gift-wrap my order?", "comment": {"body": "It is a birthday present."}, "priority": "high",
                 "tags": ["gift"], "requester": {"name": "Nora Newcomer", "email": "nora.newcomer@example.org"}}}""");
        var id = created.path("ticket").path("id").asLong();
        assertThat(id).isGreaterThan(demo().tickets().stream().mapToLong(SimulatedTicket::id).max().orElseThrow());

        var shown = ticket(queue(), id);
        assertThat(shown.path("subject").asText()).isEqualTo("Can you gift-wrap my order?");
        assertThat(shown.path("description").asText()).isEqualTo("It is a birthday present.");
        assertThat(shown.path("priority").asText()).isEqualTo("high");
        assertThat(shown.path("tags")).extracting(JsonNode::asText).contains("gift");
        assertThat(shown.path("requester").path("name").asText()).isEqualTo("Nora Newcomer");
        assertThat(shown.path("requester").path("email").asText()).isEqualTo("nora.newcomer@example.org");
    }

    @Test
    void an_update_through_the_zendesk_api_shows_on_the_seeded_ticket() throws IOException {
        call("PUT", "/api/v2/tickets/104", """
                {"ticket": {"priority": "urgent", "status": "pending", "additional_tags": ["cdp_tier_1_vip"]}}""");

        var shown = ticket(queue(), 104);
        assertThat(shown.path("priority").asText()).isEqualTo("urgent");
        assertThat(shown.path("status").asText()).isEqualTo("pending");
        assertThat(shown.path("tags")).extracting(JsonNode::asText).contains("cdp_tier_1_vip");
    }

    @Test
    void a_ticket_created_in_zendesk_joins_the_open_workspace_on_refresh_and_its_sidebar_reads_its_requester() throws IOException {
        workspace.open("");
        var id = call("POST", "/api/v2/tickets", """
                {"ticket": {"subject": "Do you sell gift cards?", "comment": {"body": "For my sister."},
                 "requester": {"name": "Olga Onboarding", "email": "olga.onboarding@example.org"}}}""").path("ticket").path("id").asLong();
        var item = "#ticket-list li[data-ticket-id='" + id + "']";
        assertThat(workspace.browser().find(item)).isNull();

        workspace.browser().find("#refresh-queue").click();

        workspace.browser().await("the new ticket in the queue", Duration.ofSeconds(5), () -> workspace.browser().find(item));
        workspace.openTicket(id, "not-found");
        assertThat(workspace.browser().find(".sim-ticket-subject").getText()).isEqualTo("Do you sell gift cards?");
        assertThat(workspace.appText()).contains("No Engagement customer found", "olga.onboarding@example.org");
    }

    private static List<JsonNode> queue() throws IOException {
        try (var response = http.newCall(new Request.Builder().url(demo().zendeskUrl() + "simulator/api/state").build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            var tickets = App.mapper().readTree(response.body().string()).path("tickets");
            return StreamSupport.stream(tickets.spliterator(), false).toList();
        }
    }

    private static Demo demo() {
        return workspace.demo();
    }

    private static JsonNode ticket(List<JsonNode> queue, long id) {
        return queue.stream().filter(ticket -> ticket.path("id").asLong() == id).findFirst()
                .orElseThrow(() -> new AssertionError("ticket " + id + " is not in the workspace queue"));
    }

    private static JsonNode call(String method, String path, String json) throws IOException {
        demo().zendeskApi().registerApiToken(AGENT_EMAIL, API_TOKEN);
        var basic = Base64.getEncoder().encodeToString((AGENT_EMAIL + "/token:" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
        var request = new Request.Builder().url(demo().zendeskApiUrl() + path).header("Authorization", "Basic " + basic)
                .method(method, RequestBody.create(json, JSON)).build();
        try (var response = http.newCall(request).execute()) {
            var body = response.body().string();
            assertThat(response.isSuccessful()).as(method + " " + path + " answered " + response.code() + ": " + body).isTrue();
            return App.mapper().readTree(body);
        }
    }
}
