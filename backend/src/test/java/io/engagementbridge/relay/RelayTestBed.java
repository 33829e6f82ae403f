package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.App;
import io.engagementbridge.bench.ScaledClock;
import io.engagementbridge.bench.SimulatedZendeskAccount;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.demo.engagement.EngagementSimulator;
import io.engagementbridge.demo.engagement.SeedCustomers;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.demo.engagement.TrackedEvent;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.priority.TierRules;
import io.engagementbridge.zendesk.ResponseObserver;
import io.engagementbridge.zendesk.ZendeskRequest;
import io.javalin.Javalin;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The whole relay on loopback: a Zendesk API simulator whose provisioned triggers send signed webhooks to
 * the real backend (inbox, work queue, relay), which sends to an Engagement simulator. All on one clock
 * running {@code scale} times as fast as the wall clock.
 */
final class RelayTestBed implements AutoCloseable {
    final ScaledClock clock;
    final EngagementSimulator engagement = new EngagementSimulator(SeedCustomers.demo(), SeedCustomers.DEMO_NOW);
    final Javalin engagementServer;
    final SimulatedZendeskAccount zendesk;
    final Javalin backend;

    RelayTestBed(Path dir, int scale, Map<String, String> connectionSettings) throws Exception {
        this(dir, scale, connectionSettings, 700);
    }

    /** As above, for a Zendesk plan of {@code planRequestsPerMinute}. */
    RelayTestBed(Path dir, int scale, Map<String, String> connectionSettings, int planRequestsPerMinute) throws Exception {
        clock = new ScaledClock(Instant.now(), scale);
        engagementServer = engagement.app().start("127.0.0.1", 0);
        zendesk = SimulatedZendeskAccount.open(dir, clock, SimulatorLimits.defaults().withPlanRequestsPerMinute(planRequestsPerMinute),
                planRequestsPerMinute, ResponseObserver.NONE,
                new SimulatedZendeskAccount.Engagement("http://127.0.0.1:" + engagementServer.port(), SimulatedProject.PROJECT_TOKEN,
                        SimulatedProject.KEY_ID, SimulatedProject.KEY_SECRET));
        var repository = zendesk.writeSide().connectionRepository();
        if (!connectionSettings.isEmpty()) {
            var settings = repository.find(zendesk.connectionId()).orElseThrow().settings();
            connectionSettings.forEach(settings::put);
            repository.updateSettings(zendesk.connectionId(), settings);
        }
        var config = BridgeConfig.forLoopback(0);
        backend = App.create(config, new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy()), Ticker.systemTicker(), clock),
                zendesk.writeSide()).start("127.0.0.1", 0);
        new Provisioning(repository, App.mapper(), clock, clock::sleep, "http://127.0.0.1:" + backend.port())
                .provision(repository.find(zendesk.connectionId()).orElseThrow(), zendesk.zendesk().client(), zendesk.zendesk().governor(),
                        TierRules.defaults());
    }

    String connectionId() {
        return zendesk.connectionId();
    }

    /** Creates a ticket in Zendesk as an agent would, for a requester (created with the given locale when new); returns its id. */
    long createTicket(String subject, String body, String name, String email) {
        return createTicket(subject, body, name, email, "open");
    }

    long createTicket(String subject, String body, String name, String email, String status) {
        var ticket = App.mapper().createObjectNode().put("subject", subject).put("status", status);
        ticket.putObject("comment").put("body", body);
        ticket.putObject("requester").put("name", name).put("email", email);
        return zendesk.zendesk().client().createTicket("create-" + email + "-" + subject.hashCode() + "-" + System.nanoTime(), ticket)
                .ticket().path("id").asLong();
    }

    void createUser(String name, String email, String locale) {
        var user = App.mapper().createObjectNode();
        user.putObject("user").put("name", name).put("email", email).put("locale", locale);
        zendesk.zendesk().client().send(ZendeskRequest.post("/api/v2/users", user));
    }

    void solve(long ticketId) {
        zendesk.zendesk().client().updateTicket(ticketId, App.mapper().createObjectNode().put("status", "solved"));
    }

    void rate(long ticketId, String score, String comment) {
        ObjectNode body = App.mapper().createObjectNode();
        body.putObject("satisfaction_rating").put("score", score).put("comment", comment);
        zendesk.zendesk().client().send(ZendeskRequest.post("/api/v2/tickets/" + ticketId + "/satisfaction_rating", body));
    }

    /** Support-ticket events Engagement stored, by "ticket:action". */
    Map<String, List<TrackedEvent>> storedByTicketAndAction() {
        return engagement.trackedEvents().stream().filter(event -> event.eventType().equals("support_ticket"))
                .collect(Collectors.groupingBy(event -> event.properties().get("ticket_id") + ":" + event.properties().get("action")));
    }

    /** Relay work not yet finished (pending or running), webhook events still to be handled included. */
    long unfinished() {
        var work = zendesk.writeSide().work();
        var kinds = new java.util.ArrayList<>(RelaySender.EVENT_KINDS);
        kinds.add(io.engagementbridge.webhook.WebhookInbox.KIND);
        return work.backlog(kinds).items();
    }

    JsonNode ticket(long id) {
        return zendesk.zendesk().client().showTicket(id);
    }

    @Override
    public void close() {
        backend.stop();
        zendesk.close();
        engagementServer.stop();
    }
}
