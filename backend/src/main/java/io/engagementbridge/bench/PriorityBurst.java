package io.engagementbridge.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.App;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.demo.engagement.EngagementSimulator;
import io.engagementbridge.demo.engagement.SeedCustomers;
import io.engagementbridge.demo.engagement.SimulatedCustomer;
import io.engagementbridge.demo.TicketArrivals;
import io.engagementbridge.demo.TicketArrivals.Arrival;
import io.engagementbridge.demo.TicketArrivals.Requester;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.demo.zendeskapi.Ticket;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.priority.ConnectionProfiles;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.priority.Tier;
import io.engagementbridge.priority.TierRules;
import io.engagementbridge.priority.TierTicketFallback;
import io.engagementbridge.priority.WriteUserTier;
import io.engagementbridge.webhook.WebhookInbox;
import io.engagementbridge.work.WorkState;
import io.engagementbridge.zendesk.ResponseObserver;
import io.javalin.Javalin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * "100 tickets arrive at once" end to end on loopback: an Engagement simulator, the Zendesk API simulator
 * with a provisioned connection, and the real backend with its workers. Requesters are tiered (their
 * Zendesk user already holds a tier, so Zendesk's own triggers prioritise their tickets), untiered (known
 * to Engagement only: the bridge's fallback tiers them) or unknown to Engagement (left alone). What the
 * priority benchmark and the end-to-end test drive.
 */
public final class PriorityBurst implements AutoCloseable {
    private static final TierRules RULES = TierRules.defaults();

    /** The work a ticket's prioritising goes through; the relay's work for the same events batches on its own schedule. */
    private static final Set<String> PRIORITY_KINDS = Set.of(WebhookInbox.KIND, TierTicketFallback.KIND, WriteUserTier.KIND);

    private final EngagementSimulator engagement;
    private final Javalin engagementServer;
    private final SimulatedZendeskAccount account;
    private final Javalin backend;
    private final TicketArrivals arrivals;

    private PriorityBurst(EngagementSimulator engagement, Javalin engagementServer, SimulatedZendeskAccount account, Javalin backend) {
        this.engagement = engagement;
        this.engagementServer = engagementServer;
        this.account = account;
        this.backend = backend;
        this.arrivals = new TicketArrivals(account.simulator(), account.zendesk().client().account().baseUrl(), RULES);
    }

    /** Starts the simulators and the backend, and provisions the account (fields, triggers) with the default tiers. */
    public static PriorityBurst start(Path dataDir, int planRequestsPerMinute, List<SimulatedCustomer> customers) throws InterruptedException {
        return start(dataDir, planRequestsPerMinute, customers, BridgeConfig.forLoopback(0), null);
    }

    /** As above, with the backend on {@code config} and the connection belonging to the app installation {@code installationKey} (null: none). */
    public static PriorityBurst start(Path dataDir, int planRequestsPerMinute, List<SimulatedCustomer> customers, BridgeConfig config,
                                      String installationKey) throws InterruptedException {
        var clock = Clock.systemUTC();
        var engagement = new EngagementSimulator(customers, SeedCustomers.DEMO_NOW);
        var engagementServer = engagement.app().start("127.0.0.1", 0);
        var engagementUrl = "http://127.0.0.1:" + engagementServer.port();
        engagement.setPublicBaseUrl(engagementUrl);
        var account = SimulatedZendeskAccount.open(dataDir, clock, SimulatorLimits.defaults().withPlanRequestsPerMinute(planRequestsPerMinute),
                planRequestsPerMinute, ResponseObserver.NONE,
                new SimulatedZendeskAccount.Engagement(engagementUrl, SimulatedProject.PROJECT_TOKEN, SimulatedProject.KEY_ID, SimulatedProject.KEY_SECRET, installationKey));
        var connections = account.writeSide().connectionRepository();
        var settings = connections.find(account.connectionId()).orElseThrow().settings();
        settings.set(ConnectionProfiles.SETTING, profileSettings());
        connections.updateSettings(account.connectionId(), settings);
        var backend = App.create(config, new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy(), config.capacity()),
                Ticker.systemTicker(), clock), account.writeSide()).start("127.0.0.1", 0);
        // The events webhook points at this backend's inbox: each created ticket reaches the fallback as Zendesk would send it.
        new Provisioning(connections, App.mapper(), clock, pause -> Thread.sleep(Math.max(0, pause.toMillis())), "http://127.0.0.1:" + backend.port())
                .provision(connections.find(account.connectionId()).orElseThrow(), account.zendesk().client(), account.zendesk().governor(), RULES);
        return new PriorityBurst(engagement, engagementServer, account, backend);
    }

    /** The sidebar settings an installation would have: just the three role fields, no recent interactions (one Engagement call per lookup). */
    static ObjectNode profileSettings() {
        var settings = App.mapper().createObjectNode();
        settings.put("customer_id_name", "registered");
        settings.put("currency", "USD");
        settings.put("event_types", "");
        settings.put("fields", "[{\"type\":\"aggregate\",\"id\":\"" + SimulatedProject.LTV_AGGREGATE_ID + "\",\"label\":\"Lifetime value\",\"role\":\"ltv\"},"
                + "{\"type\":\"property\",\"property\":\"rfm_segment\",\"label\":\"RFM segment\",\"role\":\"rfm\"},"
                + "{\"type\":\"property\",\"property\":\"loyalty_tier\",\"label\":\"Loyalty tier\",\"role\":\"loyalty\"}]");
        return settings;
    }

    /** The same settings, as a test's sidebar request sends them. */
    public static ObjectNode profileSettingsForTests() {
        return profileSettings();
    }

    /** Customers enough for {@code known} requesters known to Engagement. */
    public static List<SimulatedCustomer> customers(int known) {
        return new SeedCustomers(SeedCustomers.DEMO_NOW).generate(SeedCustomers.DEMO_SEED, known);
    }

    /** See {@link TicketArrivals#requesters}. */
    public List<Requester> requesters(int tiered, int untiered, int unknown) {
        return arrivals.requesters(engagement.customers(), tiered, untiered, unknown, "burst");
    }

    /** See {@link TicketArrivals#arrive}; Engagement's and Zendesk's counters start from zero here. */
    public List<Arrival> arrive(List<Requester> requesters, int tickets, long seed, int threads) throws InterruptedException {
        engagement.resetCalls();
        account.simulator().stats().reset();
        return arrivals.arrive(requesters, tickets, seed, threads);
    }

    /**
     * Waits until the fallback has finished with every arrival (its ticket-created event came through the webhook
     * inbox and its work is done or dead) and no other prioritising work is pending, or {@code timeout} passed; true when
     * settled.
     */
    public boolean awaitSettled(List<Arrival> arrivals, Duration timeout) throws InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        var work = account.writeSide().work();
        while (System.nanoTime() < deadline) {
            var finished = new java.util.HashSet<String>();
            for (var state : List.of(WorkState.DONE, WorkState.DEAD)) {
                work.items(account.connectionId(), state, 100_000).stream().filter(item -> item.kind().equals(TierTicketFallback.KIND))
                        .forEach(item -> finished.add(item.key()));
            }
            var prioritising = false;
            for (var state : List.of(WorkState.PENDING, WorkState.RUNNING)) {
                prioritising |= work.items(account.connectionId(), state, 100_000).stream().anyMatch(item -> PRIORITY_KINDS.contains(item.kind()));
            }
            if (!prioritising
                    && arrivals.stream().allMatch(arrival -> finished.contains("tier:ticket:" + arrival.ticketId()))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Whether the ticket now shows exactly what its requester's tier says (nothing, for an unknown customer). */
    public boolean prioritisedCorrectly(Arrival arrival) {
        var ticket = account.simulator().ticket(arrival.ticketId()).orElseThrow();
        var expected = arrival.requester().expected();
        var tierTags = RULES.tiers().stream().map(Tier::tag).filter(ticket.tags()::contains).toList();
        if (expected == null) {
            return tierTags.isEmpty() && ticket.priority() == null;
        }
        var ticketField = account.writeSide().connectionRepository().find(account.connectionId()).orElseThrow().settings()
                .path(Provisioning.SETTING).path("ticket_field").asLong();
        return tierTags.equals(List.of(expected.tag())) && expected.priority().value().equals(ticket.priority())
                && expected.value().equals(ticket.customFields().get(ticketField));
    }

    /** From the ticket's creation to its last change (our tier update), for tickets the fallback tiered. */
    public Duration creationToTiered(Arrival arrival) {
        var ticket = account.simulator().ticket(arrival.ticketId()).orElseThrow();
        return Duration.between(ticket.createdAt(), ticket.updatedAt());
    }

    public Ticket ticket(long id) {
        return account.simulator().ticket(id).orElseThrow();
    }

    public String backendUrl() {
        return "http://127.0.0.1:" + backend.port();
    }

    public EngagementSimulator engagement() {
        return engagement;
    }

    public SimulatedZendeskAccount account() {
        return account;
    }

    @Override
    public void close() {
        backend.stop();
        account.close();
        engagementServer.stop();
    }
}
