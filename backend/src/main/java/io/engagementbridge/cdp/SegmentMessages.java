package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * Checks one Segment-spec message before it is stored: what it is, who it is about and when it was
 * sent. A message that cannot be written is rejected here with the field and the fix, so nothing
 * half-valid reaches the work queue. Field values are checked later against Zendesk's definitions.
 */
final class SegmentMessages {
    static final int MAX_MESSAGE_BYTES = 32 * 1024;
    private static final int MAX_ID = 200;
    private static final Set<String> TYPES = Set.of("identify", "group", "track");

    sealed interface Parsed {
        String messageId();
    }

    record Accepted(CdpMessage message) implements Parsed {
        public String messageId() {
            return message.messageId();
        }
    }

    record Rejected(String messageId, String type, String reason) implements Parsed {
    }

    private SegmentMessages() {
    }

    private static final CdpSettings NOTHING_REQUIRED = new CdpSettings(java.util.List.of(), false, false, 0, false);

    /** A message read back from its work item: it was accepted when stored, so it parses again. */
    static CdpMessage stored(JsonNode raw, Instant receivedAt) {
        if (parse(raw, 0, NOTHING_REQUIRED, receivedAt) instanceof Accepted accepted) {
            return accepted.message();
        }
        throw new IllegalStateException("a stored CDP message no longer parses");
    }

    static Parsed parse(JsonNode raw, int bytes, CdpSettings settings, Instant receivedAt) {
        if (raw == null || !raw.isObject()) {
            return new Rejected(null, "unknown", "each message must be a JSON object");
        }
        var messageId = text(raw, "messageId");
        var type = text(raw, "type") == null ? "unknown" : text(raw, "type").toLowerCase(Locale.ROOT);
        if (messageId == null || messageId.isBlank()) {
            return new Rejected(null, type, "messageId is missing: give every message a unique messageId (Segment's libraries do)");
        }
        if (messageId.length() > MAX_ID) {
            return new Rejected(messageId.substring(0, MAX_ID), type, "messageId is longer than " + MAX_ID + " characters: use a shorter id");
        }
        if (bytes > MAX_MESSAGE_BYTES) {
            return new Rejected(messageId, type, "the message is " + (bytes / 1024) + " KB; each message may be at most 32 KB: send fewer or shorter traits");
        }
        if (!TYPES.contains(type)) {
            return new Rejected(messageId, type, "type '" + clip(type) + "' is not supported: send identify, group or track");
        }
        Instant sentAt;
        try {
            sentAt = timestamp(raw, receivedAt);
        } catch (DateTimeParseException e) {
            return new Rejected(messageId, type, "timestamp is not an ISO-8601 time: send e.g. 2026-12-01T10:00:00Z");
        }
        var userId = text(raw, "userId");
        if (userId != null && (userId.isBlank() || userId.length() > MAX_ID)) {
            return new Rejected(messageId, type, "userId must have 1 to " + MAX_ID + " characters");
        }
        var traits = raw.path("traits");
        if (!traits.isMissingNode() && !traits.isNull() && !traits.isObject()) {
            return new Rejected(messageId, type, "traits must be a JSON object");
        }
        var properties = raw.path("properties");
        if (!properties.isMissingNode() && !properties.isNull() && !properties.isObject()) {
            return new Rejected(messageId, type, "properties must be a JSON object");
        }
        var email = firstText(traits.path("email"), raw.path("context").path("traits").path("email"), properties.path("email"),
                properties.path("requester").path("email"), properties.path("requester_email"));
        if (email != null && (email.isBlank() || email.length() > MAX_ID || !email.contains("@"))) {
            return new Rejected(messageId, type, "the e-mail '" + clip(email) + "' is not an e-mail address: fix traits.email");
        }
        var body = (ObjectNode) raw.deepCopy();
        var message = new CdpMessage(messageId, type, userId, email == null ? null : email.trim(), sentAt, body);
        var problem = switch (type) {
            case "identify" -> identifyProblem(message, traits, settings);
            case "group" -> groupProblem(raw);
            default -> trackProblem(message, properties);
        };
        return problem == null ? new Accepted(message) : new Rejected(messageId, type, problem);
    }

    private static String identifyProblem(CdpMessage message, JsonNode traits, CdpSettings settings) {
        if (message.userId() == null && message.email() == null) {
            return "identify needs userId or traits.email to find the Zendesk user: add one";
        }
        var missing = settings.missingTrait(traits);
        if (missing != null) {
            return "traits." + missing + " is required by this connection: add it (or remove it from the connection's cdp.required_traits)";
        }
        var company = traits.path("company");
        for (var each : company.isArray() ? company : java.util.List.of(company)) {
            if (!each.isMissingNode() && !each.isNull() && (!each.isObject() || text(each, "id") == null)) {
                return "traits.company needs an id (the organisation's external_id): send {\"id\": \"…\"}";
            }
        }
        var audiences = traits.path("audiences");
        if (!audiences.isMissingNode() && !audiences.isNull() && !audiences.isObject()) {
            return "traits.audiences must map audience names to true or false";
        }
        return null;
    }

    private static String groupProblem(JsonNode raw) {
        var groupId = text(raw, "groupId");
        if (groupId == null || groupId.isBlank() || groupId.length() > MAX_ID) {
            return "group needs groupId (1 to " + MAX_ID + " characters): it becomes the organisation's external_id";
        }
        return null;
    }

    private static String trackProblem(CdpMessage message, JsonNode properties) {
        var event = message.event();
        if (event.isBlank()) {
            return "track needs an event name: add \"event\"";
        }
        switch (event) {
            case TrackEvents.TICKET_CREATED -> {
                if (message.email() == null) {
                    return "Ticket Created needs the requester's e-mail: add properties.requester.email (or traits.email in context)";
                }
                if (text(properties, "subject") == null && text(properties, "comment") == null && text(properties, "description") == null) {
                    return "Ticket Created needs properties.subject or properties.comment";
                }
            }
            case TrackEvents.TICKET_UPDATED -> {
                var ticketId = properties.path("ticket_id");
                var externalId = text(properties, "external_id");
                if (!ticketId.isMissingNode() && !ticketId.isNull() && !ticketId.asText("").matches("[0-9]{1,18}")) {
                    return "properties.ticket_id = \"" + clip(ticketId.asText()) + "\" is not a Zendesk ticket number: send the number, "
                            + "or properties.external_id instead";
                }
                if ((ticketId.isMissingNode() || ticketId.isNull()) && (externalId == null || externalId.isBlank())) {
                    return "Ticket Updated needs properties.ticket_id (the Zendesk ticket number) or properties.external_id (the ticket's external id)";
                }
            }
            case Audiences.ENTERED, Audiences.EXITED -> {
                if (message.userId() == null && message.email() == null) {
                    return event + " needs userId or an e-mail to find the Zendesk user";
                }
                if (text(properties, "audience") == null || text(properties, "audience").isBlank()) {
                    return event + " needs properties.audience (the audience's name)";
                }
            }
            default -> {
                if (message.userId() == null && message.email() == null) {
                    return "track needs userId or an e-mail (context.traits.email) to find the Zendesk user";
                }
            }
        }
        return null;
    }

    private static Instant timestamp(JsonNode raw, Instant receivedAt) {
        for (var name : new String[] {"timestamp", "originalTimestamp"}) {
            var value = text(raw, name);
            if (value != null) {
                return OffsetDateTime.parse(value).toInstant();
            }
        }
        return receivedAt;
    }

    static String text(JsonNode node, String name) {
        var value = node.get(name);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    private static String firstText(JsonNode... nodes) {
        for (var node : nodes) {
            if (node.isValueNode() && !node.isNull()) {
                return node.asText();
            }
        }
        return null;
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
