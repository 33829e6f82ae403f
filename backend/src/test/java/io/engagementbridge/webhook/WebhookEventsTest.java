package io.engagementbridge.webhook;

import io.engagementbridge.App;
import io.engagementbridge.bench.ScaledClock;
import io.engagementbridge.bench.SimulatedZendeskAccount;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.priority.TierRules;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.WorkRunner;
import io.engagementbridge.work.WorkState;
import io.engagementbridge.zendesk.ResponseObserver;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The provisioned triggers and webhook, end to end: the Zendesk simulator fires them, signs the delivery with the
 * connection's secret, our inbox verifies and stores it, and every listener is handed the event once.
 */
class WebhookEventsTest {
    @TempDir
    Path dir;
    private final ScaledClock clock = new ScaledClock(Instant.parse("2026-12-01T10:00:00Z"), 1);
    private final List<WebhookEvent> heard = new CopyOnWriteArrayList<>();
    private SimulatedZendeskAccount account;
    private Javalin inbox;
    private WorkRunner runner;

    @BeforeEach
    void open() throws Exception {
        account = SimulatedZendeskAccount.open(dir, clock, SimulatorLimits.defaults(), 700, ResponseObserver.NONE);
        var writeSide = account.writeSide();
        var receiver = new WebhookInbox(writeSide.connectionRepository(), writeSide.work(), App.mapper(), clock);
        inbox = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post(WebhookInbox.PATH, receiver::receive);
        }).start("127.0.0.1", 0);
        WebhookEventListener recorder = (connectionId, event) -> {
            heard.add(event);
            return List.of(new NewWork(connectionId, "heard", "heard:" + event.ticketId(), "{}", "heard:" + event.invocationId()));
        };
        runner = new WorkRunner(writeSide.work(), Map.of(WebhookInbox.KIND, new WebhookEvents(writeSide.work(), List.of(recorder), App.mapper(), clock)),
                WorkRunner.Settings.DEFAULTS, clock, "test").start();
        new Provisioning(writeSide.connectionRepository(), App.mapper(), clock, clock::sleep, "http://127.0.0.1:" + inbox.port())
                .provision(writeSide.connectionRepository().find(account.connectionId()).orElseThrow(), account.zendesk().client(),
                        account.zendesk().governor(), TierRules.defaults());
    }

    @AfterEach
    void close() {
        runner.close();
        inbox.stop();
        account.close();
    }

    @Test
    void a_new_ticket_reaches_every_listener_once_with_its_id_and_requesters_email() {
        var ticket = App.mapper().createObjectNode().put("subject", "Where is my \"order\"? 📦");
        ticket.putObject("comment").put("body", "Hello");
        ticket.putObject("requester").put("name", "Ada").put("email", "ada@example.com");
        var id = account.zendesk().client().createTicket("first", ticket).ticket().path("id").asLong();

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 1);
        var event = heard.get(0);
        assertThat(event.type()).isEqualTo(TicketEvent.TICKET_CREATED);
        assertThat(event.ticketId()).isEqualTo(id);
        assertThat(event.requesterEmail()).contains("ada@example.com");
        assertThat(event.requesterId()).isEqualTo(account.simulator().userByEmail("ada@example.com").map(user -> user.id()));
        await().atMost(Duration.ofSeconds(5)).until(() -> account.writeSide().work().countsByState().getOrDefault(WorkState.PENDING, 0L) == 1L);
    }

    @Test
    void solving_a_ticket_sends_a_solved_event_and_other_updates_send_nothing() throws Exception {
        var ticket = App.mapper().createObjectNode().put("subject", "Help");
        ticket.putObject("comment").put("body", "Hello");
        ticket.putObject("requester").put("name", "Sam").put("email", "sam@example.com");
        var client = account.zendesk().client();
        var id = client.createTicket("second", ticket).ticket().path("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 1);

        client.updateTicket(id, App.mapper().createObjectNode().put("priority", "high"));
        client.updateTicket(id, App.mapper().createObjectNode().put("status", "solved"));

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
        Thread.sleep(300);
        assertThat(heard).extracting(WebhookEvent::type).containsExactly(TicketEvent.TICKET_CREATED, TicketEvent.TICKET_SOLVED);
        assertThat(heard.get(1).ticketId()).isEqualTo(id);
    }

    @Test
    void a_body_no_bridge_trigger_sends_is_dead_lettered_with_what_to_check() {
        var work = account.writeSide().work();
        work.enqueue(new NewWork(account.connectionId(), WebhookInbox.KIND, "webhook", "{\"event\":\"ticket_merged\",\"ticket_id\":\"5\"}",
                "invocation:odd"), clock.instant());

        await().atMost(Duration.ofSeconds(10)).until(() -> work.countsByState().getOrDefault(WorkState.DEAD, 0L) == 1L);
        assertThat(heard).isEmpty();
    }
}
