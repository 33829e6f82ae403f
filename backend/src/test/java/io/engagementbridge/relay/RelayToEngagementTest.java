package io.engagementbridge.relay;

import io.engagementbridge.demo.engagement.TrackedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ticket events in Zendesk (the simulator, through its provisioned triggers and signed webhooks) arrive in Engagement once each. */
class RelayToEngagementTest {
    @TempDir
    java.nio.file.Path dir;
    RelayTestBed bed;

    @BeforeEach
    void open() throws Exception {
        // 5× time: the second between two changes (Zendesk's timestamps are in seconds) takes a fifth of one.
        bed = new RelayTestBed(dir, 5, Map.of());
    }

    @AfterEach
    void close() {
        bed.close();
    }

    private void awaitAllRelayed() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> bed.unfinished() == 0
                && bed.zendesk.simulator().webhookInvocations().stream().allMatch(invocation -> !invocation.status().equals("pending")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> bed.unfinished() == 0);
    }

    private TrackedEvent only(long ticketId, String action) {
        awaitAllRelayed();
        var events = bed.storedByTicketAndAction().getOrDefault(ticketId + ":" + action, List.of());
        assertThat(events).as(action + " events of ticket " + ticketId).hasSize(1);
        return events.get(0);
    }

    @Test
    void a_new_ticket_arrives_in_engagement_once_with_its_properties_and_zendesks_creation_time() {
        var id = bed.createTicket("Where is my order?", "It has not arrived.", "Ada Lovelace", "Ada.Lovelace@Example.com");

        var event = only(id, "created");
        var ticket = bed.ticket(id);
        assertThat(event.customerIds()).isEqualTo(Map.of("registered", "ada.lovelace@example.com"));
        assertThat(event.timestamp()).isEqualTo(Instant.parse(ticket.path("created_at").asText()));
        assertThat(event.properties()).containsEntry("action", "created").containsEntry("ticket_id", (int) id)
                .containsEntry("subject", "Where is my order?").containsEntry("status", "open").containsEntry("channel", "api")
                .containsEntry("support_suite", "Zendesk")
                .containsEntry("ticket_url", bed.zendesk.simulator().app().port() > 0
                        ? "http://127.0.0.1:" + bed.zendesk.simulator().app().port() + "/agent/tickets/" + id : "");
        assertThat(bed.engagement.trackedEvents()).hasSize(1);
    }

    @Test
    void created_solved_and_rated_arrive_once_each_in_that_order_with_the_times_zendesk_gave_them() throws Exception {
        var id = bed.createTicket("Refund", "Please refund me.", "Grace Hopper", "grace@example.com");
        awaitAllRelayed();
        bed.clock.sleep(Duration.ofSeconds(1));
        bed.solve(id);
        var solvedAt = Instant.parse(bed.ticket(id).path("updated_at").asText());
        awaitAllRelayed();
        bed.clock.sleep(Duration.ofSeconds(1));
        bed.rate(id, "good", "Quick and kind");

        var rated = only(id, "rated");
        var solved = only(id, "solved");
        assertThat(solved.timestamp()).isEqualTo(solvedAt);
        assertThat(solved.properties()).containsEntry("status", "solved");
        assertThat(rated.properties()).containsEntry("satisfaction_score", "good").containsEntry("satisfaction_comment", "Quick and kind");
        assertThat(bed.engagement.trackedEvents()).extracting(event -> event.properties().get("action")).containsExactly("created", "solved", "rated");
    }

    @Test
    void a_subject_with_quotes_and_emoji_and_a_10_kb_comment_travel_intact() {
        var subject = "He said \"it's broken\" \\ {{ticket.id}} 🚀🔥 <b>ünïcødé</b>";
        var comment = ("Line with \"quotes\", a backslash \\, emoji 😀 and \n newlines; ").repeat(200).substring(0, 10_240);
        var id = bed.createTicket(subject, "Body", "Ada Lovelace", "ada@example.com");
        bed.rate(id, "bad", comment);

        var rated = only(id, "rated");
        assertThat(rated.properties().get("subject")).isEqualTo(subject);
        assertThat(rated.properties().get("satisfaction_comment")).isEqualTo(comment);
        assertThat(only(id, "created").properties().get("subject")).isEqualTo(subject);
    }

    @Test
    void a_german_requesters_status_arrives_as_open_not_in_her_language() {
        bed.createUser("Erika Mustermann", "erika@example.de", "de");
        var id = bed.createTicket("Wo ist meine Bestellung?", "Noch nicht da.", "Erika Mustermann", "erika@example.de", "open");

        assertThat(only(id, "created").properties()).containsEntry("status", "open");
    }
}
