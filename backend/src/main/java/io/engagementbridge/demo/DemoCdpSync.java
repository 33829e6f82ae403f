package io.engagementbridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.engagementbridge.App;
import io.engagementbridge.cdp.CdpInbox;
import io.engagementbridge.cdp.ImportsController;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.Connections;
import io.engagementbridge.demo.engagement.SimulatedCustomer;
import io.engagementbridge.demo.zendesk.SimulatedTicket;
import io.engagementbridge.demo.zendesk.ZendeskSimulator.Arrivals;
import io.engagementbridge.demo.zendeskapi.ZendeskApiSimulator;
import io.engagementbridge.priority.CustomerRoles;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.priority.Tier;
import io.engagementbridge.priority.TierRules;
import io.engagementbridge.priority.TierRulesParser;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The workspace's "Import + stream" button: what a CDP would send once Zendesk is connected, through the
 * bridge's real CDP APIs with the connection's inbound token (a fresh one: the demo plays the CDP). A small
 * audience CSV import (two rows deliberately bad) tiers the first customers; then a burst of {@code identify}
 * messages (one deliberately malformed) raises their lifetime value, puts them in an audience and makes one
 * seeded ticket's requester a VIP, and a {@code "Ticket Updated"} moves that ticket to the VIP tier's priority.
 */
final class DemoCdpSync implements Supplier<Arrivals> {
    static final String AUDIENCE = "Spring sale";
    static final String AUDIENCE_TAG = "cdp_audience_spring_sale";
    static final int IMPORTED = 10;
    static final int BAD_ROWS = 2;
    static final int UPDATES_PER_REQUESTER = 3;
    /** The seeded ticket (by position) whose requester the stream makes a VIP: the low-priority loyalty question. */
    static final int UPGRADED = 3;
    static final BigDecimal VIP_LTV = new BigDecimal("12500.00");
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType CSV = MediaType.get("text/csv");
    private static final Duration IMPORT_PATIENCE = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(DemoCdpSync.class);

    private final Connections connections;
    private final ZendeskApiSimulator zendesk;
    private final OkHttpClient http;
    private final String backendUrl;
    private final List<SimulatedCustomer> customers;
    private final List<SimulatedTicket> tickets;
    private final Clock clock;
    private volatile Run run;

    /** The last press: what was sent, with the token to read its outcomes back through the same APIs, and how the stream went. */
    private record Run(String importId, String token, String prefix, long ticketId, String tier, boolean streamed, String stopped) {
        Run sent() {
            return new Run(importId, token, prefix, ticketId, tier, true, null);
        }

        Run stoppedBy(String why) {
            return new Run(importId, token, prefix, ticketId, tier, streamed, why);
        }
    }

    DemoCdpSync(Connections connections, ZendeskApiSimulator zendesk, OkHttpClient http, String backendUrl, List<SimulatedCustomer> customers,
                List<SimulatedTicket> tickets, Clock clock) {
        this.connections = connections;
        this.zendesk = zendesk;
        this.http = http;
        this.backendUrl = backendUrl;
        this.customers = customers;
        this.tickets = tickets;
        this.clock = clock;
    }

    @Override
    public Arrivals get() {
        var connection = connections.list().stream()
                .filter(each -> each.settings().path(Provisioning.SETTING).has("ticket_field")).findFirst();
        if (connection.isEmpty()) {
            return new Arrivals(409, "Connect Zendesk first (\"Connect Zendesk\" under the sidebar, then Allow): the import and the stream "
                    + "write to the fields the bridge creates on connecting.");
        }
        var token = connections.rotateInboundToken(connection.get().id()).orElseThrow();
        var rules = new TierRulesParser(App.mapper()).parse(connection.get(), new ArrayList<>());
        var upgraded = tickets.get(UPGRADED);
        var importId = post(ImportsController.PATH + "?format=csv&audience=" + AUDIENCE.replace(" ", "%20"), token,
                RequestBody.create(csv(rules), CSV)).path("id").asText();
        var press = clock.instant().toEpochMilli();
        var started = new Run(importId, token, prefix(press), upgraded.id(), top(rules).name(), false, null);
        run = started;
        var thread = new Thread(() -> {
            try {
                awaitImport(importId, token);
                stream(token, rules, upgraded, press);
                run = started.sent();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                run = started.stoppedBy(e.getMessage());
                LOG.warn("The demo's CDP stream stopped: {}", e.getMessage());
            }
        }, "demo-cdp-stream");
        thread.setDaemon(true);
        thread.start();
        return new Arrivals(202, "Import " + importId + " sent (" + (IMPORTED + BAD_ROWS) + " rows, " + BAD_ROWS + " deliberately bad); "
                + "when it is done a burst of identify messages follows (one deliberately malformed) and ticket #" + upgraded.id()
                + "'s requester becomes " + top(rules).name() + ". Watch the queue; this line follows the outcomes.");
    }

    /**
     * How the last press is doing, read back through the bridge's own APIs as the CDP would: 202 while rows or messages
     * are still waiting, 200 once every outcome is in, 404 before the first press.
     */
    Arrivals progress() {
        var current = run;
        if (current == null) {
            return new Arrivals(404, "Nothing sent yet: click Import + stream once Zendesk is connected.");
        }
        var report = get(ImportsController.ONE.replace("{id}", current.importId()) + "?limit=1", current.token());
        var counts = report.path("counts");
        var rowsDone = report.path("done").asInt();
        var imported = "Import: " + (counts.path("created").asInt() + counts.path("updated").asInt() + counts.path("unchanged").asInt())
                + " rows written, " + counts.path("failed").asInt() + " failed";
        if (current.stopped() != null) {
            return new Arrivals(200, imported + ". The stream stopped: " + current.stopped());
        }
        if (!current.streamed()) {
            return new Arrivals(202, imported + (rowsDone < report.path("total").asInt() ? ", " + (report.path("total").asInt() - rowsDone) + " to go" : "")
                    + ". The stream follows once the import is through…");
        }
        var statuses = new TreeMap<String, Integer>();
        get(CdpInbox.MESSAGES_PATH + "?limit=1000", current.token()).path("messages").forEach(message -> {
            if (message.path("messageId").asText().startsWith(current.prefix())) {
                statuses.merge(message.path("status").asText(), 1, Integer::sum);
            }
        });
        var streamed = "Stream: " + statuses.getOrDefault("written", 0) + " messages written, " + statuses.getOrDefault("failed", 0) + " failed, "
                + statuses.getOrDefault("rejected", 0) + " rejected";
        var waiting = statuses.getOrDefault("accepted", 0);
        if (waiting > 0) {
            return new Arrivals(202, imported + ". " + streamed + ", " + waiting + " waiting (Zendesk allows 5 writes a minute per user)…");
        }
        return new Arrivals(200, "Done. " + imported + ". " + streamed + ". Ticket #" + current.ticketId() + "'s requester is now " + current.tier()
                + ". Reasons and fixes: the admin page's Sync panel.");
    }

    private static String prefix(long press) {
        return "demo-" + press + "-";
    }

    /** As a CDP would: the audience import first, the live stream once the import is through. */
    private void awaitImport(String importId, String token) throws InterruptedException {
        var deadline = clock.instant().plus(IMPORT_PATIENCE);
        while (clock.instant().isBefore(deadline)) {
            var status = get(ImportsController.ONE.replace("{id}", importId) + "?limit=1", token).path("status").asText();
            if (status.equals("finished") || status.equals("stopped")) {
                return;
            }
            Thread.sleep(250);
        }
    }

    private void stream(String token, TierRules rules, SimulatedTicket upgraded, long press) {
        var results = post(CdpInbox.EVENTS_PATH, token, RequestBody.create(App.mapper().createObjectNode().set("batch", burst(rules, upgraded, press))
                .toString(), JSON)).path("results");
        LOG.info("The demo's CDP stream sent {} messages", results.size());
    }

    /** Audience rows for the first customers, tiered by the connection's own rules, and two rows Zendesk could not take. */
    private String csv(TierRules rules) {
        var out = new StringWriter();
        try (var printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord("external_id", "email", "name", Provisioning.TIER_FIELD_KEY, Provisioning.LTV_FIELD_KEY,
                    Provisioning.RFM_FIELD_KEY, Provisioning.LOYALTY_FIELD_KEY);
            for (var customer : customers.subList(0, Math.min(IMPORTED, customers.size()))) {
                printer.printRecord(customer.externalId() == null ? "" : customer.externalId(), customer.email(), customer.fullName(),
                        tier(rules, customer, BigDecimal.valueOf(customer.lifetimeValue())).value(), customer.lifetimeValue(),
                        customer.rfmSegment() == null ? "" : customer.rfmSegment(), customer.loyaltyTier() == null ? "" : customer.loyaltyTier());
            }
            printer.printRecord("", "not-an-email", "Row With A Broken E-mail", "", "", "", "");
            printer.printRecord("demo-bad-ltv", "bad.ltv@example.com", "Row With A Broken LTV", "", "lots", "", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * For each seeded ticket's requester a few identifies a second apart, each with a higher lifetime value (only the
     * latest reaches Zendesk) and the audience; the upgraded requester's last one makes them a VIP. Then one message
     * with no user, rejected at the door, and the upgraded ticket's update.
     */
    private ArrayNode burst(TierRules rules, SimulatedTicket upgraded, long press) {
        var batch = App.mapper().createArrayNode();
        var now = clock.instant();
        var requesters = tickets.stream().map(SimulatedTicket::requester)
                .filter(requester -> customers.stream().anyMatch(c -> c.email().equals(requester.email()))).toList();
        for (var requester : requesters) {
            var customer = customers.stream().filter(c -> c.email().equals(requester.email())).findFirst().orElseThrow();
            for (int i = 0; i < UPDATES_PER_REQUESTER; i++) {
                var last = i == UPDATES_PER_REQUESTER - 1;
                var vip = last && requester.id() == upgraded.requester().id();
                var ltv = vip ? VIP_LTV : BigDecimal.valueOf(customer.lifetimeValue()).add(BigDecimal.valueOf(100L * (i + 1)));
                var message = batch.addObject().put("type", "identify").put("messageId", prefix(press) + requester.id() + "-" + i)
                        .put("timestamp", now.minusSeconds(UPDATES_PER_REQUESTER - i).toString());
                if (requester.externalId() != null) {
                    message.put("userId", requester.externalId());
                }
                var traits = message.putObject("traits").put("email", requester.email());
                traits.put(Provisioning.LTV_FIELD_KEY, ltv);
                traits.put(Provisioning.TIER_FIELD_KEY, tier(rules, customer, ltv).value());
                if (vip) {
                    traits.put(Provisioning.LOYALTY_FIELD_KEY, "Platinum");
                }
                traits.putObject("audiences").put(AUDIENCE, true);
            }
        }
        batch.addObject().put("type", "identify").put("messageId", prefix(press) + "no-user").putObject("traits").put("name", "Nobody");
        var vip = top(rules);
        var tags = new LinkedHashSet<>(zendesk.ticket(upgraded.id()).map(t -> t.tags()).orElse(List.of()));
        tags.removeIf(tag -> tag.startsWith("cdp_tier_"));
        tags.add(vip.tag());
        var properties = batch.addObject().put("type", "track").put("messageId", prefix(press) + "ticket").put("event", "Ticket Updated")
                .putObject("properties").put("ticket_id", upgraded.id()).put("priority", vip.priority().value())
                .put("comment", "Engagement: this customer's lifetime value passed " + VIP_LTV.toPlainString() + ", so they are now " + vip.name() + ".");
        properties.set("tags", App.mapper().valueToTree(List.copyOf(tags)));
        return batch;
    }

    private static Tier tier(TierRules rules, SimulatedCustomer customer, BigDecimal ltv) {
        return rules.evaluate(new CustomerRoles(ltv, customer.rfmSegment(), customer.loyaltyTier())).map(match -> match.tier())
                .orElse(rules.tiers().get(rules.tiers().size() - 1));
    }

    private static Tier top(TierRules rules) {
        return rules.tiers().get(0);
    }

    private JsonNode get(String path, String token) {
        return call(new Request.Builder().url(backendUrl + path).header("Authorization", "Bearer " + token).get().build());
    }

    private JsonNode post(String path, String token, RequestBody body) {
        return call(new Request.Builder().url(backendUrl + path).header("Authorization", "Bearer " + token).post(body).build());
    }

    private JsonNode call(Request request) {
        var path = request.url().encodedPath();
        try (var response = http.newCall(request).execute()) {
            var text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IllegalStateException(request.method() + " " + path + " answered " + response.code() + ": " + text);
            }
            return App.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
