package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.zendesk.Decision;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code track "Ticket Updated"}: the ticket named by {@code properties.ticket_id} gets the status,
 * priority, type, tags, custom fields and comment given, within Update Ticket's budgets (100 a minute
 * per account, 30 per 10 minutes per ticket), in message order per ticket.
 */
final class TicketUpdates {
    private static final Set<String> STATUSES = Set.of("new", "open", "pending", "hold", "solved", "closed");

    private final CdpOutcomes outcomes;
    private final ObjectMapper mapper;

    TicketUpdates(CdpOutcomes outcomes, ObjectMapper mapper) {
        this.outcomes = outcomes;
        this.mapper = mapper;
    }

    Outcome handle(WorkItem item, CdpMessage message, CdpConnections.Target zendesk) {
        var properties = message.body().path("properties");
        var ticketId = properties.path("ticket_id").asLong();
        var update = mapper.createObjectNode();
        for (var attribute : List.of("status", "priority", "type")) {
            var value = SegmentMessages.text(properties, attribute);
            if (value == null) {
                continue;
            }
            var allowed = attribute.equals("status") ? STATUSES : attribute.equals("priority") ? TrackEvents.PRIORITIES : TrackEvents.TYPES;
            if (!allowed.contains(value.toLowerCase(Locale.ROOT))) {
                return outcomes.failed(item, message, "properties." + attribute + " = \"" + value + "\": send one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
            update.put(attribute, value.toLowerCase(Locale.ROOT));
        }
        if (properties.path("tags").isArray()) {
            update.set("tags", properties.get("tags"));
        }
        if (properties.path("custom_fields").isArray()) {
            update.set("custom_fields", properties.get("custom_fields"));
        }
        var comment = SegmentMessages.text(properties, "comment");
        if (comment != null) {
            update.putObject("comment").put("body", comment).put("public", properties.path("public").asBoolean(false));
        }
        if (update.isEmpty()) {
            return outcomes.failed(item, message, "Ticket Updated changes nothing: send status, priority, type, tags, custom_fields or comment");
        }
        var decision = zendesk.governor().acquire(WriteKind.TICKET_UPDATE, Long.toString(ticketId));
        if (decision instanceof Decision.Wait wait) {
            return outcomes.waitFor(wait, "the ticket's update budget");
        }
        var permit = (Decision.Permit) decision;
        try {
            zendesk.client().updateTicket(ticketId, update);
            zendesk.governor().answered(permit);
            return outcomes.written(item, message, List.of());
        } catch (ZendeskException e) {
            return outcomes.zendesk(item, message, e.failure(), zendesk.governor(), permit, "ticket update");
        }
    }
}
