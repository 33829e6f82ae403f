package io.engagementbridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.App;
import io.engagementbridge.demo.engagement.SimulatedCustomer;
import io.engagementbridge.demo.zendeskapi.ZendeskApiSimulator;
import io.engagementbridge.priority.CustomerRoles;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.priority.Tier;
import io.engagementbridge.priority.TierRules;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tickets arriving at a Zendesk account at once, as customers' e-mails and web forms would create them: through
 * the Zendesk API simulator's ticket endpoint (so its triggers and webhooks run), from a mix of requesters
 * whose Zendesk user already holds a tier (as if synced earlier), requesters known only to Engagement, and
 * strangers to it. Used by the demo's "100 tickets arrive" button and by the priority benchmark.
 */
public final class TicketArrivals {
    public static final String CHANNEL_EMAIL = "web-widget@acme.example";
    private static final String CHANNEL_TOKEN = "burst-channel-api-token-not-a-secret";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final List<String> SUBJECTS = List.of("Where is my order?", "Refund not received", "Wrong size delivered",
            "Cannot log in", "Discount code rejected", "Parcel damaged", "Change my address", "Invoice needed");

    public enum Kind { TIERED, UNTIERED, UNKNOWN }

    /** One requester and the tier Engagement's data gives them (null for a stranger to Engagement). */
    public record Requester(String name, String email, Kind kind, Tier expected) {
    }

    /** A ticket created in the burst, and whose. */
    public record Arrival(long ticketId, Requester requester) {
    }

    private final HttpUrl zendesk;
    private final TierRules rules;
    private final OkHttpClient http = new OkHttpClient();

    /** Registers the channel's API token with {@code simulator}, reachable at {@code zendesk}. */
    public TicketArrivals(ZendeskApiSimulator simulator, HttpUrl zendesk, TierRules rules) {
        simulator.registerApiToken(CHANNEL_EMAIL, CHANNEL_TOKEN);
        this.zendesk = zendesk;
        this.rules = rules;
    }

    /**
     * The first {@code tiered} customers get a Zendesk user holding their tier, the next {@code untiered} are known
     * to Engagement only, and {@code unknown} more are strangers to it. Needs the tier user field (provisioned).
     */
    public List<Requester> requesters(List<SimulatedCustomer> customers, int tiered, int untiered, int unknown, String strangerTag) {
        var requesters = new ArrayList<Requester>();
        for (int i = 0; i < tiered + untiered && i < customers.size(); i++) {
            var customer = customers.get(i);
            var kind = i < tiered ? Kind.TIERED : Kind.UNTIERED;
            var requester = new Requester(customer.fullName(), customer.email(), kind, expectedTier(customer));
            if (kind == Kind.TIERED) {
                giveTier(requester);
            }
            requesters.add(requester);
        }
        for (int i = 0; i < unknown; i++) {
            requesters.add(new Requester("Stranger " + (i + 1), "stranger." + strangerTag + "." + (i + 1) + "@unknown.example", Kind.UNKNOWN, null));
        }
        return requesters;
    }

    /** {@code tickets} tickets at once from these requesters: each requester one, the rest to requesters picked with {@code seed}. */
    public List<Arrival> arrive(List<Requester> requesters, int tickets, long seed, int threads) throws InterruptedException {
        var random = new Random(seed);
        var who = new ArrayList<>(requesters);
        while (who.size() < tickets) {
            who.add(requesters.get(random.nextInt(requesters.size())));
        }
        Collections.shuffle(who, random);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<Arrival>>();
            for (int i = 0; i < tickets; i++) {
                var requester = who.get(i);
                var subject = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
                futures.add(pool.submit(() -> create(requester, subject)));
            }
            var arrivals = new ArrayList<Arrival>();
            for (var future : futures) {
                arrivals.add(future.get());
            }
            return arrivals;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a ticket could not be created: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The tier the rules give this customer's Engagement data. */
    public Tier expectedTier(SimulatedCustomer customer) {
        return rules.evaluate(new CustomerRoles(BigDecimal.valueOf(customer.lifetimeValue()), customer.rfmSegment(), customer.loyaltyTier()))
                .map(match -> match.tier()).orElse(null);
    }

    private Arrival create(Requester requester, String subject) throws IOException {
        var body = App.mapper().createObjectNode();
        var ticket = body.putObject("ticket").put("subject", subject);
        ticket.putObject("comment").put("body", subject + " (from " + requester.name() + ")");
        ticket.putObject("requester").put("name", requester.name()).put("email", requester.email());
        return new Arrival(send("POST", "/api/v2/tickets", body).path("ticket").path("id").asLong(), requester);
    }

    private void giveTier(Requester requester) {
        var body = App.mapper().createObjectNode();
        var user = body.putObject("user").put("name", requester.name()).put("email", requester.email());
        user.putObject("user_fields").put(Provisioning.TIER_FIELD_KEY, requester.expected().value());
        try {
            send("POST", "/api/v2/users/create_or_update", body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(String method, String path, JsonNode body) throws IOException {
        var basic = Base64.getEncoder().encodeToString((CHANNEL_EMAIL + "/token:" + CHANNEL_TOKEN).getBytes(StandardCharsets.UTF_8));
        var request = new Request.Builder().url(zendesk.resolve(path)).header("Authorization", "Basic " + basic)
                .method(method, RequestBody.create(body.toString(), JSON)).build();
        try (var response = http.newCall(request).execute()) {
            var text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException(method + " " + path + " answered " + response.code() + ": " + text);
            }
            return App.mapper().readTree(text);
        }
    }
}
