package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskRequest;

import java.util.List;
import java.util.Set;

/**
 * {@code track} messages: {@code "Ticket Created"} creates a ticket under {@code Idempotency-Key} = messageId
 * (so a replay after a crash finds the first ticket rather than making a second); every other event goes
 * to Zendesk's Events API on the user's profile, with the time the CDP gave it.
 */
final class TrackEvents {
    static final String TICKET_CREATED = "Ticket Created";
    static final String TICKET_UPDATED = "Ticket Updated";
    static final String EVENT_SOURCE = "engagement";
    static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    static final Set<String> TYPES = Set.of("problem", "incident", "question", "task");

    private final CdpOutcomes outcomes;
    private final ObjectMapper mapper;

    TrackEvents(CdpOutcomes outcomes, ObjectMapper mapper) {
        this.outcomes = outcomes;
        this.mapper = mapper;
    }

    Outcome handle(WorkItem item, CdpMessage message, CdpConnections.Target zendesk) throws InterruptedException {
        var properties = message.body().path("properties");
        try {
            if (message.event().equals(TICKET_CREATED)) {
                var ticket = ticket(properties, message);
                if (ticket.problem() != null) {
                    return outcomes.failed(item, message, ticket.problem());
                }
                zendesk.await(WriteKind.TICKET_CREATE, "ticket");
                var created = zendesk.client().createTicket(message.messageId(), ticket.body());
                return outcomes.written(item, message, List.of("ticket #" + created.ticket().path("id").asLong()
                        + (created.replayed() ? " (already created by an earlier attempt)" : "")));
            }
            zendesk.await(WriteKind.OTHER_WRITE, "events");
            zendesk.client().send(ZendeskRequest.post("/api/v2/user_profiles/events", event(message, properties)));
            return outcomes.written(item, message, List.of());
        } catch (ZendeskException e) {
            return outcomes.zendesk(item, message, e.failure(), zendesk.governor(), null, message.event().equals(TICKET_CREATED) ? "ticket" : "event");
        }
    }

    private record Ticket(ObjectNode body, String problem) {
    }

    private Ticket ticket(JsonNode properties, CdpMessage message) {
        var ticket = mapper.createObjectNode();
        var subject = SegmentMessages.text(properties, "subject");
        var comment = SegmentMessages.text(properties, "comment") != null ? SegmentMessages.text(properties, "comment")
                : SegmentMessages.text(properties, "description");
        ticket.put("subject", subject != null ? subject : comment.length() > 80 ? comment.substring(0, 80) : comment);
        ticket.putObject("comment").put("body", comment != null ? comment : subject);
        var requester = ticket.putObject("requester").put("email", message.email());
        var name = SegmentMessages.text(properties.path("requester"), "name");
        if (name == null) {
            name = SegmentMessages.text(message.body().path("context").path("traits"), "name");
        }
        requester.put("name", name != null ? name : message.email());
        var externalId = SegmentMessages.text(properties, "external_id");
        if (externalId != null) {
            ticket.put("external_id", externalId);
        }
        var priority = SegmentMessages.text(properties, "priority");
        if (priority != null) {
            if (!PRIORITIES.contains(priority.toLowerCase(java.util.Locale.ROOT))) {
                return new Ticket(null, "properties.priority = \"" + priority + "\": send low, normal, high or urgent");
            }
            ticket.put("priority", priority.toLowerCase(java.util.Locale.ROOT));
        }
        var type = SegmentMessages.text(properties, "type");
        if (type != null) {
            if (!TYPES.contains(type.toLowerCase(java.util.Locale.ROOT))) {
                return new Ticket(null, "properties.type = \"" + type + "\": send problem, incident, question or task");
            }
            ticket.put("type", type.toLowerCase(java.util.Locale.ROOT));
        }
        if (properties.path("tags").isArray()) {
            ticket.set("tags", properties.get("tags"));
        }
        var fields = properties.path("custom_fields");
        if (fields.isArray()) {
            var list = ticket.putArray("custom_fields");
            for (var field : fields) {
                if (!field.path("id").canConvertToLong()) {
                    return new Ticket(null, "properties.custom_fields entries need the ticket field's numeric id: send {\"id\": 123, \"value\": …}");
                }
                list.addObject().put("id", field.path("id").asLong()).set("value", field.path("value"));
            }
        }
        return new Ticket(ticket, null);
    }

    private ObjectNode event(CdpMessage message, JsonNode properties) {
        var body = mapper.createObjectNode();
        var profile = body.putObject("profile").put("source", EVENT_SOURCE).put("type", "customer");
        var identifiers = profile.putArray("identifiers");
        if (message.userId() != null) {
            identifiers.addObject().put("type", "external_id").put("value", message.userId());
        }
        if (message.email() != null) {
            identifiers.addObject().put("type", "email").put("value", message.email());
        }
        var event = body.putObject("event").put("source", EVENT_SOURCE).put("type", message.event())
                .put("description", message.event()).put("created_at", message.sentAt().toString());
        event.set("properties", properties.isObject() ? properties : mapper.createObjectNode());
        return body;
    }

}
