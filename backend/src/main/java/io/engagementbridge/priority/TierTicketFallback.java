package io.engagementbridge.priority;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.engagement.EngagementException;
import io.engagementbridge.profile.ProfileLookup;
import io.engagementbridge.profile.Requester;
import io.engagementbridge.settings.SettingProblem;
import io.engagementbridge.webhook.TicketEvent;
import io.engagementbridge.webhook.WebhookEvent;
import io.engagementbridge.webhook.WebhookEventListener;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskClients;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A new ticket whose requester had no tier when it was created (Zendesk's own triggers did nothing):
 * looks the requester up in Engagement through the profile cache, writes their user fields, and updates
 * that one ticket with {@code safe_update} (priority, tier tag, tier ticket field, and {@value #GUARD_TAG}
 * so no trigger loops on our change). A ticket that already carries a tier is left alone; so is one whose
 * requester Engagement does not know (remembered, see {@link UnknownCustomers}). A failed lookup touches
 * nothing and retries later: a ticket never gets a tier Engagement did not give.
 */
public final class TierTicketFallback implements WorkHandler {
    public static final String KIND = "ticket_tier_fallback";
    /** Set on every ticket we tier: our own triggers' and admins' conditions can exclude it. */
    public static final String GUARD_TAG = "eb_tiered";
    static final int MAX_CONFLICTS = 3;
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    /** Which ticket, and whose. */
    record Payload(@JsonProperty("ticket_id") long ticketId, @JsonProperty("requester_id") long requesterId) {
    }

    private final ConnectedZendesk zendesk;
    private final ConnectionProfiles profiles;
    private final UnknownCustomers unknown;
    private final UserTierWriter users;
    private final TierRulesParser rulesParser;
    private final JobPoller.Sleeper sleeper;
    private final ObjectMapper mapper;

    public TierTicketFallback(ConnectedZendesk zendesk, ConnectionProfiles profiles, UnknownCustomers unknown, UserTierWriter users,
                              TierRulesParser rulesParser, JobPoller.Sleeper sleeper, ObjectMapper mapper) {
        this.zendesk = zendesk;
        this.profiles = profiles;
        this.unknown = unknown;
        this.users = users;
        this.rulesParser = rulesParser;
        this.sleeper = sleeper;
        this.mapper = mapper;
    }

    /** The item for one created ticket, ordered per ticket; {@code idempotencyKey} is the webhook invocation's, so a replay adds nothing. */
    public static NewWork work(ObjectMapper mapper, String connectionId, long ticketId, long requesterId, String idempotencyKey) {
        try {
            return new NewWork(connectionId, KIND, "tier:ticket:" + ticketId, mapper.writeValueAsString(new Payload(ticketId, requesterId)), idempotencyKey);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ids are always serialisable", e);
        }
    }

    /** The listener: each ticket-created event (with its requester) becomes this work, keyed by the webhook invocation. */
    public static final class OnTicketCreated implements WebhookEventListener {
        private final ObjectMapper mapper;

        public OnTicketCreated(ObjectMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public List<NewWork> onEvent(String connectionId, WebhookEvent event) {
            if (event.type() != TicketEvent.TICKET_CREATED || event.requesterId().isEmpty()) {
                return List.of();
            }
            return List.of(work(mapper, connectionId, event.ticketId(), event.requesterId().get(), "tier:" + event.invocationId()));
        }
    }

    @Override
    public Outcome handle(WorkItem item) throws Exception {
        var payload = mapper.readValue(item.payload(), Payload.class);
        var account = zendesk.find(item.connectionId());
        if (account.isEmpty()) {
            return Outcome.connectionRemoved();
        }
        var connection = account.get().connection();
        var connected = account.get().zendesk();
        var problems = new ArrayList<SettingProblem>();
        var rules = rulesParser.parse(connection, problems);
        if (!problems.isEmpty()) {
            return Outcome.deadLetter(problems.stream().map(SettingProblem::message).collect(Collectors.joining(" ")));
        }
        var lookup = profiles.request(connection, account.get().secrets());
        if (lookup.request().isEmpty()) {
            return Outcome.retry(lookup.problem());
        }
        try {
            var ticket = readTicket(connected, payload.ticketId());
            if (carriesTier(ticket, rules, ticketFieldId(connection))) {
                return Outcome.DONE;
            }
            var user = users.read(connected, payload.requesterId());
            var requester = requester(user);
            if (!requester.identifiable() || requester.emails().stream().anyMatch(email -> unknown.remembered(connection, email))) {
                return Outcome.DONE;
            }
            ProfileLookup found;
            try {
                found = profiles.resolve(lookup.request().get(), requester).get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).lookup();
            } catch (ExecutionException | TimeoutException e) {
                return lookupFailed(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
            }
            if (!(found instanceof ProfileLookup.Found customer)) {
                requester.emails().forEach(email -> unknown.remember(connection, email));
                return Outcome.DONE;
            }
            var roles = CustomerRoles.of(customer.profile());
            var match = rules.evaluate(roles);
            if (match.isEmpty()) {
                return Outcome.DONE;
            }
            users.write(connected, user, UserTierFields.of(match.get(), roles));
            return tierTicket(connected, ticket, match.get().tier(), rules, ticketFieldId(connection));
        } catch (ZendeskException e) {
            if (e.failure() instanceof ZendeskFailure.NotFound) {
                return Outcome.DONE;
            }
            return Outcome.of(e.failure());
        }
    }

    /** One safe update; on a conflict (an agent or trigger changed the ticket meanwhile) read again and decide again. */
    private Outcome tierTicket(ZendeskClients.Connected connected, JsonNode ticket, Tier tier, TierRules rules, long ticketFieldId)
            throws InterruptedException {
        var current = ticket;
        for (int conflict = 0; ; conflict++) {
            var change = change(tier, ticketFieldId);
            var stamp = current.path("updated_at").asText();
            var id = current.path("id").asLong();
            try {
                GovernedCall.run(connected.governor(), WriteKind.TICKET_UPDATE, String.valueOf(id), sleeper,
                        () -> connected.client().safeUpdateTicket(id, stamp, change));
                return Outcome.DONE;
            } catch (ZendeskException e) {
                if (!(e.failure() instanceof ZendeskFailure.Conflict) || conflict + 1 >= MAX_CONFLICTS) {
                    throw e;
                }
            }
            current = readTicket(connected, id);
            if (carriesTier(current, rules, ticketFieldId)) {
                return Outcome.DONE;
            }
        }
    }

    /** Engagement failed or was too slow: nothing is touched, and the queue tries again (after Engagement's Retry-After if it gave one). */
    private static Outcome lookupFailed(Throwable error) {
        var failure = EngagementException.in(error);
        var reason = "Engagement lookup failed: " + failure.map(e -> e.kind().name().toLowerCase(java.util.Locale.ROOT))
                .orElse(error instanceof TimeoutException ? "timeout" : error.getClass().getSimpleName());
        return failure.flatMap(EngagementException::retryAfter).map(after -> Outcome.retryAfter(after, reason)).orElseGet(() -> Outcome.retry(reason));
    }

    private ObjectNode change(Tier tier, long ticketFieldId) {
        var change = mapper.createObjectNode().put("priority", tier.priority().value());
        change.putArray("additional_tags").add(tier.tag()).add(GUARD_TAG);
        if (ticketFieldId > 0) {
            change.putArray("custom_fields").addObject().put("id", ticketFieldId).put("value", tier.value());
        }
        return change;
    }

    private JsonNode readTicket(ZendeskClients.Connected connected, long id) throws InterruptedException {
        return GovernedCall.run(connected.governor(), WriteKind.READ, "ticket:" + id, sleeper, () -> connected.client().showTicket(id));
    }

    /** A tier tag, our guard tag, or a value in the tier ticket field: Zendesk's trigger, an agent or we already tiered it. */
    static boolean carriesTier(JsonNode ticket, TierRules rules, long ticketFieldId) {
        var tags = new ArrayList<String>();
        ticket.path("tags").forEach(tag -> tags.add(tag.asText()));
        if (tags.contains(GUARD_TAG) || rules.tiers().stream().anyMatch(tier -> tags.contains(tier.tag()))) {
            return true;
        }
        for (var field : ticket.path("custom_fields")) {
            if (field.path("id").asLong() == ticketFieldId && !field.path("value").isNull() && !field.path("value").asText("").isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static long ticketFieldId(Connection connection) {
        return connection.settings().path(Provisioning.SETTING).path("ticket_field").asLong(-1);
    }

    private static Requester requester(JsonNode user) {
        var emails = new ArrayList<String>();
        if (user.path("email").isTextual()) {
            emails.add(user.path("email").asText());
        }
        var externalId = user.path("external_id").isTextual() ? user.path("external_id").asText() : null;
        return new Requester(user.path("name").asText(""), List.copyOf(emails), externalId);
    }
}
