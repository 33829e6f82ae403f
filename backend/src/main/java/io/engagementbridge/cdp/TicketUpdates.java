package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.zendesk.Decision;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code track "Ticket Updated"}: the ticket named by {@code properties.ticket_id} (or found by
 * {@code properties.external_id}, Zendesk's list of tickets with that external id) gets the status,
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

    /** Updates of one ticket run in message order: keyed by its number, or by its external id when that is all the message gives. */
    static String orderingKey(CdpMessage message) {
        var properties = message.body().path("properties");
        var ticketId = SegmentMessages.text(properties, "ticket_id");
        return ticketId != null ? "ticket:" + ticketId : "ticket-external:" + SegmentMessages.text(properties, "external_id");
    }

    Outcome handle(WorkItem item, CdpMessage message, CdpConnections.Target zendesk) throws InterruptedException {
        var properties = message.body().path("properties");
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
        long ticketId;
        if (SegmentMessages.text(properties, "ticket_id") != null) {
            ticketId = properties.path("ticket_id").asLong();
        } else {
            var externalId = SegmentMessages.text(properties, "external_id");
            List<Long> found;
            try {
                found = byExternalId(zendesk, externalId);
            } catch (ZendeskException e) {
                return outcomes.zendesk(item, message, e.failure(), zendesk.governor(), null, "ticket lookup");
            }
            if (found.size() != 1) {
                return outcomes.failed(item, message, found.isEmpty()
                        ? "no Zendesk ticket has external_id " + externalId + ": send properties.ticket_id, or create the ticket with this external_id first"
                        : found.size() + " Zendesk tickets have external_id " + externalId + " (#" + found.stream().map(String::valueOf)
                        .collect(Collectors.joining(", #")) + "): send properties.ticket_id to say which one");
            }
            ticketId = found.get(0);
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

    private static List<Long> byExternalId(CdpConnections.Target zendesk, String externalId) throws InterruptedException {
        zendesk.await(WriteKind.READ, "tickets");
        var found = new ArrayList<Long>();
        zendesk.client().send(ZendeskRequest.get("/api/v2/tickets", Map.of("external_id", externalId))).body().path("tickets")
                .forEach(ticket -> {
                    if (externalId.equals(ticket.path("external_id").asText(null))) {
                        found.add(ticket.path("id").asLong());
                    }
                });
        return found;
    }
}
