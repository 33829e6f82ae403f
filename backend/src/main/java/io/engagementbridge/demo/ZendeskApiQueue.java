package io.engagementbridge.demo;

import io.engagementbridge.demo.zendesk.SimulatedTicket;
import io.engagementbridge.demo.zendeskapi.Field;
import io.engagementbridge.demo.zendeskapi.FieldOption;
import io.engagementbridge.demo.zendeskapi.Ticket;
import io.engagementbridge.demo.zendeskapi.User;
import io.engagementbridge.demo.zendeskapi.ZendeskApiSimulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

/**
 * The agent workspace's queue as the Zendesk API simulator holds it: every ticket there, read afresh on each
 * call, so what the bridge (or anyone with a token) writes to Zendesk is what the agent sees. Ordered as
 * omnichannel routing and the "Tickets by customer value" view order work: priority first (urgent on top),
 * then customer-value tier (tier tags sort in tier order), then oldest first.
 */
final class ZendeskApiQueue implements Supplier<List<SimulatedTicket>> {
    private static final List<String> PRIORITIES = List.of("urgent", "high", "normal", "low");
    static final String TIER_TAG_PREFIX = "cdp_tier_";
    static final Comparator<Ticket> BY_VALUE = Comparator.comparingInt(ZendeskApiQueue::priorityRank)
            .thenComparing(ZendeskApiQueue::tierTag, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Ticket::createdAt).thenComparingLong(Ticket::id);

    private final ZendeskApiSimulator zendesk;

    private ZendeskApiQueue(ZendeskApiSimulator zendesk) {
        this.zendesk = zendesk;
    }

    /** Puts the tickets and their requesters into the simulator under their own ids, then reads the queue from it. */
    static ZendeskApiQueue seeded(ZendeskApiSimulator zendesk, List<SimulatedTicket> tickets) {
        for (var ticket : tickets) {
            var requester = ticket.requester();
            if (zendesk.user(requester.id()).isEmpty()) {
                var otherEmails = requester.identities().stream().filter(identity -> !identity.primary() && identity.type().equals("email"))
                        .map(SimulatedTicket.Identity::value).toList();
                zendesk.seedUser(requester.id(), requester.name(), requester.email(), requester.externalId(), otherEmails);
            }
            zendesk.seedTicket(ticket.id(), requester.id(), ticket.subject(), ticket.description(), ticket.status(), ticket.priority(),
                    Instant.parse(ticket.createdAt()));
        }
        return new ZendeskApiQueue(zendesk);
    }

    @Override
    public List<SimulatedTicket> get() {
        return zendesk.tickets().stream().sorted(BY_VALUE).map(this::shown).toList();
    }

    private static int priorityRank(Ticket ticket) {
        var rank = ticket.priority() == null ? -1 : PRIORITIES.indexOf(ticket.priority());
        return rank < 0 ? PRIORITIES.size() : rank;
    }

    private static String tierTag(Ticket ticket) {
        return ticket.tags().stream().filter(tag -> tag.startsWith(TIER_TAG_PREFIX)).sorted().findFirst().orElse(null);
    }

    private SimulatedTicket shown(Ticket ticket) {
        var fields = new LinkedHashMap<String, Object>();
        ticket.customFields().forEach((id, value) -> fields.put(String.valueOf(id), value));
        return new SimulatedTicket(ticket.id(), ticket.subject(), ticket.status(), ticket.priority(),
                ticket.createdAt().truncatedTo(ChronoUnit.SECONDS).toString(), ticket.description(),
                zendesk.user(ticket.requesterId()).map(this::requester).orElse(null), ticket.tags(), fields);
    }

    private SimulatedTicket.Requester requester(User user) {
        var identities = zendesk.identities(user.id()).stream()
                .map(identity -> new SimulatedTicket.Identity(identity.type(), identity.value(), identity.primary())).toList();
        return new SimulatedTicket.Requester(user.id(), user.name(), user.email(), user.externalId(), identities, fields(user), user.tags());
    }

    /** The user's set field values in the fields' order, as Zendesk's user profile shows them. */
    private List<SimulatedTicket.FieldValue> fields(User user) {
        return zendesk.userFields().stream().sorted(Comparator.comparingLong(Field::position).thenComparingLong(Field::id))
                .filter(field -> user.userFields().get(field.key()) != null)
                .map(field -> new SimulatedTicket.FieldValue(field.key(), field.title(), shown(field, user.userFields().get(field.key()))))
                .toList();
    }

    private static String shown(Field field, Object value) {
        var text = value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
        return field.isDropdown() ? field.options().stream().filter(option -> option.value().equals(text)).map(FieldOption::name).findFirst()
                .orElse(text) : text;
    }
}
