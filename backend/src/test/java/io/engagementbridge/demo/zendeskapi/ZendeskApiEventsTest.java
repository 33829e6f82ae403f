package io.engagementbridge.demo.zendeskapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ZendeskApiEventsTest {
    private final SimulatorHarness zendesk = new SimulatorHarness();

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void a_tracked_event_is_202_and_kept_with_its_original_timestamp_on_the_profiles_user() {
        var reply = zendesk.post("/api/v2/user_profiles/events", "{\"event\":{\"source\":\"engagement\",\"type\":\"purchase\","
                + "\"description\":\"Order complete\",\"created_at\":\"2026-11-30T08:15:00+00:00\",\"properties\":{\"total\":42.5}},"
                + "\"profile\":{\"source\":\"engagement\",\"type\":\"customer\",\"name\":\"Ada\","
                + "\"identifiers\":[{\"type\":\"email\",\"value\":\"ada@example.com\"}]}}");

        assertThat(reply.code()).isEqualTo(202);
        assertThat(reply.json().get("status").asText()).isEqualTo("received");
        var user = zendesk.simulator.userByEmail("ada@example.com").orElseThrow();
        assertThat(reply.json().get("user_id").asText()).isEqualTo(String.valueOf(user.id()));
        assertThat(zendesk.simulator.eventsReceived()).singleElement().satisfies(event -> {
            assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-11-30T08:15:00Z"));
            assertThat(event.userId()).isEqualTo(user.id());
            assertThat(event.properties().get("total").asDouble()).isEqualTo(42.5);
        });
    }

    @Test
    void zendesk_is_a_protected_source_and_a_profile_needs_identifiers() {
        var protectedSource = zendesk.post("/api/v2/user_profiles/events", "{\"event\":{\"source\":\"zendesk\",\"type\":\"x\"},"
                + "\"profile\":{\"source\":\"zendesk\",\"type\":\"customer\",\"identifiers\":[{\"type\":\"email\",\"value\":\"a@example.com\"}]}}");
        var noIdentifiers = zendesk.post("/api/v2/user_profiles/events", "{\"event\":{\"source\":\"shop\",\"type\":\"x\"},"
                + "\"profile\":{\"source\":\"shop\",\"type\":\"customer\",\"identifiers\":[]}}");

        assertThat(protectedSource.code()).isEqualTo(400);
        assertThat(protectedSource.json().at("/errors/0/title").asText()).contains("protected");
        assertThat(noIdentifiers.code()).isEqualTo(400);
        assertThat(zendesk.simulator.eventsReceived()).isEmpty();
    }

    @Test
    void incremental_ticket_events_leave_out_the_last_minute_and_start_at_start_time() {
        var requester = "\"requester\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}";
        var first = zendesk.post("/api/v2/tickets", "{\"ticket\":{\"comment\":{\"body\":\"one\"}," + requester + "}}").json().at("/ticket/id").asLong();
        zendesk.clock.advance(Duration.ofMinutes(5));
        zendesk.put("/api/v2/tickets/" + first, "{\"ticket\":{\"status\":\"solved\"}}");
        zendesk.simulator.rateTicket(first, "good", "Thanks");
        zendesk.clock.advance(Duration.ofSeconds(30));

        var recent = zendesk.get("/api/v2/incremental/ticket_events.json?start_time=0").json();
        assertThat(recent.get("ticket_events")).extracting(event -> event.get("event_type").asText()).containsExactly("Create");

        zendesk.clock.advance(Duration.ofSeconds(31));
        var later = zendesk.get("/api/v2/incremental/ticket_events?start_time=" + SimulatorHarness.START.plusSeconds(60).getEpochSecond()).json();
        assertThat(later.get("ticket_events")).hasSize(2);
        assertThat(later.at("/ticket_events/0/child_events/0/status").asText()).isEqualTo("solved");
        assertThat(later.at("/ticket_events/1/child_events/0/event_type").asText()).isEqualTo("SatisfactionRating");
        assertThat(later.get("end_of_stream").asBoolean()).isTrue();

        var ratings = zendesk.get("/api/v2/satisfaction_ratings?score=good").json();
        assertThat(ratings.at("/satisfaction_ratings/0/ticket_id").asLong()).isEqualTo(first);
        assertThat(ratings.at("/satisfaction_ratings/0/comment").asText()).isEqualTo("Thanks");
    }

    @Test
    void the_eleventh_incremental_export_in_a_minute_is_429() {
        for (int i = 0; i < 10; i++) {
            assertThat(zendesk.get("/api/v2/incremental/ticket_events?start_time=0").code()).isEqualTo(200);
        }
        var refused = zendesk.get("/api/v2/incremental/ticket_events?start_time=0");

        assertThat(refused.code()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(zendesk.simulator.stats().rateLimitedBy("incremental_export")).isEqualTo(1);
    }
}
