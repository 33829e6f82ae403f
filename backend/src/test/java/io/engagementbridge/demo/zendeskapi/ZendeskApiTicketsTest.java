package io.engagementbridge.demo.zendeskapi;

import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ZendeskApiTicketsTest {
    private final SimulatorHarness zendesk = new SimulatorHarness();

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void the_same_idempotency_key_and_body_return_the_same_ticket_and_a_different_body_is_400() {
        var body = "{\"ticket\":{\"subject\":\"Help\",\"comment\":{\"body\":\"My order is late\"},"
                + "\"requester\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}}}";

        var first = createWithKey("order-123", body);
        var replay = createWithKey("order-123", body);
        var conflicting = createWithKey("order-123", body.replace("late", "early"));

        assertThat(first.code()).isEqualTo(201);
        assertThat(first.header("x-idempotency-lookup")).isEqualTo("miss");
        assertThat(replay.code()).isEqualTo(201);
        assertThat(replay.header("x-idempotency-lookup")).isEqualTo("hit");
        assertThat(replay.json().at("/ticket/id").asLong()).isEqualTo(first.json().at("/ticket/id").asLong());
        assertThat(conflicting.code()).isEqualTo(400);
        assertThat(conflicting.json().at("/error").asText()).isEqualTo("IdempotentRequestError");
        assertThat(zendesk.simulator.tickets()).hasSize(1);
        assertThat(zendesk.simulator.userByEmail("ada@example.com")).isPresent();
    }

    @Test
    void seeded_tickets_keep_their_ids_and_requesters_and_api_creates_continue_above_them() {
        var requester = zendesk.simulator.seedUser(9001, "Ada Lovelace", "ada@example.com", "C-1001", List.of("ada@analytical.example"));
        zendesk.simulator.seedTicket(101, requester.id(), "Vase arrived broken", "It is in pieces.", "open", "urgent",
                Instant.parse("2026-11-21T08:21:00Z"));

        var seeded = zendesk.get("/api/v2/tickets/101").json().get("ticket");
        assertThat(seeded.get("subject").asText()).isEqualTo("Vase arrived broken");
        assertThat(seeded.get("requester_id").asLong()).isEqualTo(9001);
        assertThat(seeded.get("created_at").asText()).isEqualTo("2026-11-21T08:21:00Z");
        assertThat(zendesk.get("/api/v2/users/9001").json().at("/user/external_id").asText()).isEqualTo("C-1001");
        assertThat(zendesk.simulator.identities(9001)).extracting(Identity::value).containsExactly("ada@example.com", "ada@analytical.example");

        var created = zendesk.post("/api/v2/tickets", "{\"ticket\":{\"comment\":{\"body\":\"Hi\"},\"requester_id\":9001}}");
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().at("/ticket/id").asLong()).isEqualTo(102);
    }

    @Test
    void safe_update_with_an_outdated_stamp_is_409_and_changes_nothing() {
        var created = zendesk.post("/api/v2/tickets.json", "{\"ticket\":{\"comment\":{\"body\":\"Hi\"},"
                + "\"requester\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}}}").json().get("ticket");
        var id = created.get("id").asLong();
        var stamp = created.get("updated_at").asText();
        zendesk.clock.advance(Duration.ofSeconds(5));
        assertThat(zendesk.put("/api/v2/tickets/" + id, "{\"ticket\":{\"status\":\"open\"}}").code()).isEqualTo(200);

        var conflict = zendesk.put("/api/v2/tickets/" + id + ".json",
                "{\"ticket\":{\"priority\":\"high\",\"safe_update\":true,\"updated_stamp\":\"" + stamp + "\"}}");

        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.json().at("/error").asText()).isEqualTo("UpdateConflict");
        assertThat(zendesk.simulator.ticket(id).orElseThrow().priority()).isNull();

        var fresh = zendesk.get("/api/v2/tickets/" + id).json().at("/ticket/updated_at").asText();
        var safe = zendesk.put("/api/v2/tickets/" + id, "{\"ticket\":{\"priority\":\"high\",\"safe_update\":\"true\",\"updated_stamp\":\"" + fresh + "\"}}");
        assertThat(safe.code()).isEqualTo(200);
        assertThat(zendesk.simulator.ticket(id).orElseThrow().priority()).isEqualTo("high");
    }

    @Test
    void update_ticket_is_limited_per_ticket_over_ten_minutes() {
        zendesk.simulator.setLimits(zendesk.simulator.limits().withTicketUpdates(100, 2));
        var id = zendesk.post("/api/v2/tickets", "{\"ticket\":{\"comment\":{\"body\":\"Hi\"},\"requester\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}}}")
                .json().at("/ticket/id").asLong();

        assertThat(zendesk.put("/api/v2/tickets/" + id, "{\"ticket\":{\"status\":\"open\"}}").code()).isEqualTo(200);
        zendesk.clock.advance(Duration.ofMinutes(4));
        assertThat(zendesk.put("/api/v2/tickets/" + id, "{\"ticket\":{\"status\":\"pending\"}}").code()).isEqualTo(200);
        var refused = zendesk.put("/api/v2/tickets/" + id, "{\"ticket\":{\"status\":\"solved\"}}");

        assertThat(refused.code()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("360");
        assertThat(zendesk.simulator.stats().rateLimitedBy("ticket_update_ticket")).isEqualTo(1);
        assertThat(zendesk.simulator.ticket(id).orElseThrow().status()).isEqualTo("pending");
    }

    @Test
    void a_ticket_dropdown_takes_only_option_values_and_its_value_becomes_a_tag() {
        var field = zendesk.post("/api/v2/ticket_fields", "{\"ticket_field\":{\"type\":\"tagger\",\"title\":\"Customer tier\","
                + "\"custom_field_options\":[{\"name\":\"Platinum\",\"value\":\"cdp_tier_1_platinum\"},{\"name\":\"Gold\",\"value\":\"cdp_tier_2_gold\"}]}}")
                .json().at("/ticket_field/id").asLong();
        var requester = "\"requester\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}";

        var bad = zendesk.post("/api/v2/tickets", "{\"ticket\":{\"comment\":{\"body\":\"Hi\"}," + requester
                + ",\"custom_fields\":[{\"id\":" + field + ",\"value\":\"Platinum\"}]}}");
        assertThat(bad.code()).isEqualTo(422);
        assertThat(zendesk.simulator.tickets()).isEmpty();

        var good = zendesk.post("/api/v2/tickets", "{\"ticket\":{\"comment\":{\"body\":\"Hi\"}," + requester
                + ",\"custom_fields\":[{\"id\":" + field + ",\"value\":\"cdp_tier_2_gold\"}]}}");
        assertThat(good.code()).isEqualTo(201);
        var ticket = zendesk.simulator.tickets().get(0);
        assertThat(ticket.customFields()).containsEntry(field, "cdp_tier_2_gold");
        assertThat(ticket.tags()).contains("cdp_tier_2_gold");
    }

    @Test
    void a_new_requester_needs_a_name() {
        var reply = zendesk.post("/api/v2/tickets", "{\"ticket\":{\"comment\":{\"body\":\"Hi\"},\"requester\":{\"email\":\"new@example.com\"}}}");

        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().at("/details/requester/0/description").asText()).contains("Name:");
        assertThat(zendesk.simulator.tickets()).isEmpty();
        assertThat(zendesk.simulator.users()).isEmpty();
    }

    @Test
    void a_view_lists_matching_tickets_sorted_by_priority() {
        var requester = "\"requester\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}";
        for (var priority : new String[] {"low", "urgent", "normal"}) {
            zendesk.post("/api/v2/tickets", "{\"ticket\":{\"comment\":{\"body\":\"" + priority + "\"},\"priority\":\"" + priority + "\"," + requester + "}}");
        }
        var view = zendesk.post("/api/v2/views", "{\"view\":{\"title\":\"By value\",\"conditions\":{\"all\":[{\"field\":\"status\",\"operator\":\"less_than\","
                + "\"value\":\"solved\"}]},\"execution\":{\"sort_by\":\"priority\",\"sort_order\":\"desc\"}}}").json().at("/view/id").asLong();

        var listed = zendesk.get("/api/v2/views/" + view + "/tickets.json").json().get("tickets");

        assertThat(listed).extracting(ticket -> ticket.get("priority").asText()).containsExactly("urgent", "normal", "low");
        assertThat(zendesk.simulator.views()).singleElement().satisfies(saved -> assertThat(saved.title()).isEqualTo("By value"));
    }

    private SimulatorHarness.Reply createWithKey(String key, String body) {
        return zendesk.execute(new Request.Builder().url(zendesk.base + "/api/v2/tickets.json")
                .header("Authorization", SimulatorHarness.apiToken()).header("Idempotency-Key", key)
                .post(RequestBody.create(body, MediaType.get("application/json"))).build());
    }
}
