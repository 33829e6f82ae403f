package io.engagementbridge.relay;

import io.engagementbridge.App;
import io.engagementbridge.connection.ConnectionDefinition;
import io.engagementbridge.demo.braze.BrazeEvent;
import io.engagementbridge.demo.braze.BrazeSimulator;
import io.engagementbridge.work.NewWork;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A connection whose relay target is Braze: ticket events arrive in Braze's /users/track (the simulator) once each, Braze's limits respected. */
class RelayToBrazeTest {
    static final String BRAZE_KEY = "braze-rest-api-key-for-tests-4d2a";

    @TempDir
    Path dir;
    RelayTestBed bed;
    BrazeSimulator braze;
    Javalin brazeServer;

    void open(int scale) throws Exception {
        open(scale, 700);
    }

    void open(int scale, int planRequestsPerMinute) throws Exception {
        bed = new RelayTestBed(dir, scale, Map.of(), planRequestsPerMinute);
        braze = new BrazeSimulator(BRAZE_KEY, bed.clock);
        brazeServer = braze.app().start("127.0.0.1", 0);
        var repository = bed.zendesk.writeSide().connectionRepository();
        var settings = repository.find(bed.connectionId()).orElseThrow().settings();
        settings.put(ConnectionDefinition.RELAY_TARGET, "braze").put(ConnectionDefinition.BRAZE_REST_ENDPOINT, "http://127.0.0.1:" + brazeServer.port());
        repository.updateSettings(bed.connectionId(), settings);
        var stored = repository.secrets(bed.connectionId()).orElseThrow();
        var secrets = stored.secrets();
        repository.replaceSecrets(bed.connectionId(), stored.version(), new io.engagementbridge.connection.ConnectionSecrets(secrets.zendesk(),
                secrets.engagementKeyId(), secrets.engagementKeySecret(), secrets.webhookSigningSecret(), BRAZE_KEY));
    }

    @AfterEach
    void close() {
        if (brazeServer != null) {
            brazeServer.stop();
        }
        if (bed != null) {
            bed.close();
        }
    }

    private Map<String, List<BrazeEvent>> byTicketAndAction() {
        return braze.events().stream().collect(Collectors.groupingBy(event -> event.properties().get("ticket_id") + ":" + event.properties().get("action")));
    }

    private void awaitRelayed() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> bed.unfinished() == 0
                && bed.zendesk.simulator().webhookInvocations().stream().noneMatch(invocation -> invocation.status().equals("pending")));
    }

    @Test
    void created_and_solved_arrive_in_braze_once_each_by_email_with_zendesks_times_and_nothing_goes_to_engagement() throws Exception {
        open(1);
        var id = bed.createTicket("Where is my \"order\"? 📦", "Not here.", "Ada Lovelace", "Ada.Lovelace@Example.com");
        awaitRelayed();
        bed.clock.sleep(Duration.ofSeconds(1));
        bed.solve(id);
        var ticket = bed.ticket(id);
        awaitRelayed();

        var stored = byTicketAndAction();
        assertThat(stored.get(id + ":created")).singleElement().satisfies(event -> {
            assertThat(event.email()).hasValue("ada.lovelace@example.com");
            assertThat(event.externalId()).isEmpty();
            assertThat(event.name()).isEqualTo("support_ticket");
            assertThat(event.time()).isEqualTo(Instant.parse(ticket.path("created_at").asText()));
            assertThat(event.properties()).containsEntry("subject", "Where is my \"order\"? 📦").containsEntry("status", "open")
                    .containsEntry("support_suite", "Zendesk");
        });
        assertThat(stored.get(id + ":solved")).singleElement().satisfies(event -> {
            assertThat(event.time()).isEqualTo(Instant.parse(ticket.path("updated_at").asText()));
            assertThat(event.properties()).containsEntry("status", "solved");
        });
        assertThat(braze.events()).hasSize(2);
        assertThat(bed.engagement.trackedEvents()).isEmpty();
    }

    @Test
    void eighty_events_waiting_at_once_reach_braze_in_two_requests_of_at_most_75() throws Exception {
        // 10× time: Zendesk's per-second budget lets the 80 tickets be made in under a real second.
        open(10);
        bed.zendesk.simulator().faults().setWebhookDropShare(1.0);
        var tickets = new ArrayList<Long>();
        for (int i = 0; i < 80; i++) {
            tickets.add(bed.createTicket("Order " + i, "Where is it?", "Customer " + i, "customer" + i + "@example.com"));
        }
        var frozen = new ArrayList<NewWork>();
        for (var id : tickets) {
            var ticket = bed.ticket(id);
            var createdAt = SupportTicketEvent.seconds(ticket.path("created_at")).orElseThrow();
            var event = SupportTicketEvent.brazeEvent(App.mapper(), RelayAction.CREATED, createdAt,
                    ticket, "customer" + tickets.indexOf(id) + "@example.com", Optional.empty(), "https://acme.zendesk.com");
            // Keyed as the read stage keys it, so the catch-up sweep (which finds these never-delivered webhooks) adds nothing.
            var key = "send:" + RelayTicketEvent.businessKey(id, RelayAction.CREATED, Optional.of(createdAt)).orElseThrow();
            frozen.add(new NewWork(bed.connectionId(), BrazeTarget.KIND, RelayTicketEvent.orderingKey(id), event.toString(), key));
        }
        var work = bed.zendesk.writeSide().work();
        // As the read stage leaves them, all at once: 80 frozen events due now.
        bed.zendesk.writeSide().database().jdbi().useTransaction(h -> frozen.forEach(item -> work.enqueue(h, item, bed.clock.instant())));

        await().atMost(Duration.ofSeconds(30)).until(() -> braze.events().size() >= 80 && bed.unfinished() == 0);

        assertThat(braze.requestSizes()).containsExactly(75, 5);
        assertThat(byTicketAndAction().keySet()).containsExactlyInAnyOrderElementsOf(tickets.stream().map(id -> id + ":created").toList());
    }

    @Test
    void brazes_rate_limit_and_an_outage_delay_events_but_lose_none_and_repeat_none() throws Exception {
        open(20);
        braze.setRateLimit(1, Duration.ofSeconds(20));
        braze.failNext(2);
        var tickets = new ArrayList<Long>();
        for (int i = 0; i < 4; i++) {
            tickets.add(bed.createTicket("Order " + i, "Where is it?", "Customer " + i, "customer" + i + "@example.com"));
            bed.clock.sleep(Duration.ofSeconds(15));
        }

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> byTicketAndAction().keySet().size() == tickets.size() && bed.unfinished() == 0);

        var stored = byTicketAndAction();
        tickets.forEach(id -> assertThat(stored.get(id + ":created")).as("ticket " + id).hasSize(1));
        assertThat(braze.events()).hasSize(tickets.size());
        assertThat(braze.rateLimited()).as("Braze answered 429 at least once").isPositive();
        assertThat(bed.zendesk.writeSide().work().deadLetters(bed.connectionId(), RelaySender.EVENT_KINDS, 10)).isEmpty();
        assertThat(Optional.of(braze.requests())).hasValueSatisfying(requests -> assertThat(requests).isGreaterThan(braze.requestSizes().size()));
    }
}
