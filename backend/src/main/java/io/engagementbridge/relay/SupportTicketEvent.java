package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Engagement's {@code support_ticket} event for one relayed ticket event, as a batch command. Every value
 * comes from the ticket as Zendesk's API returns it (enums and ids, never the requester-language text
 * that placeholders give), and the timestamp is Zendesk's time of the change in seconds: sent twice, the
 * command is identical, so Engagement keeps one.
 */
final class SupportTicketEvent {
    static final String EVENT_TYPE = "support_ticket";
    /** Engagement refuses property values of 16 KB or more; longer text is cut at a character boundary. */
    static final int MAX_PROPERTY_BYTES = 16_000;

    private SupportTicketEvent() {
    }

    /** The Engagement customer ids of the requester: the e-mail (lower case) under the configured id name, and the external id when configured. */
    static Map<String, String> customerIds(RelaySettings settings, String email, Optional<String> externalId) {
        var ids = new java.util.LinkedHashMap<String, String>();
        ids.put(settings.customerIdName(), email.trim().toLowerCase(Locale.ROOT));
        settings.externalIdName().ifPresent(name -> externalId.filter(id -> !id.isBlank()).ifPresent(id -> ids.put(name, id)));
        return ids;
    }

    /** When the event happened, in Zendesk's words: creation time, else the webhook's or sweep's time of the change, else the ticket's last update. */
    static long timestamp(RelayTicketEvent event, JsonNode ticket) {
        if (event.relayAction() == RelayAction.CREATED) {
            return seconds(ticket.path("created_at")).orElseThrow(() -> new IllegalArgumentException("the ticket has no created_at"));
        }
        if (event.occurredAt() != null) {
            return event.occurredAt();
        }
        if (event.relayAction() == RelayAction.RATED) {
            var rated = seconds(ticket.path("satisfaction_rating").path("updated_at"));
            if (rated.isPresent()) {
                return rated.get();
            }
        }
        return seconds(ticket.path("updated_at")).orElseThrow(() -> new IllegalArgumentException("the ticket has no updated_at"));
    }

    static ObjectNode command(ObjectMapper mapper, String commandId, RelayAction action, long timestamp, JsonNode ticket,
                              Map<String, String> customerIds, String zendeskUrl) {
        var command = mapper.createObjectNode().put("name", "customers/events").put("command_id", commandId);
        var data = command.putObject("data");
        var ids = data.putObject("customer_ids");
        customerIds.forEach(ids::put);
        data.put("event_type", EVENT_TYPE);
        data.put("timestamp", timestamp);
        properties(data.putObject("properties"), action, ticket, zendeskUrl);
        return command;
    }

    /**
     * The same event for Braze's {@code /users/track}: the user by {@code external_id} when there is one, else by e-mail
     * (lower case); {@code time} is Zendesk's time of the change, ISO 8601.
     */
    static ObjectNode brazeEvent(ObjectMapper mapper, RelayAction action, long timestamp, JsonNode ticket, String email,
                                 Optional<String> externalId, String zendeskUrl) {
        var event = mapper.createObjectNode();
        externalId.filter(id -> !id.isBlank()).ifPresentOrElse(id -> event.put("external_id", id),
                () -> event.put("email", email.trim().toLowerCase(Locale.ROOT)));
        event.put("name", EVENT_TYPE);
        event.put("time", Instant.ofEpochSecond(timestamp).toString());
        properties(event.putObject("properties"), action, ticket, zendeskUrl);
        return event;
    }

    private static void properties(ObjectNode properties, RelayAction action, JsonNode ticket, String zendeskUrl) {
        properties.put("action", action.wire());
        properties.put("ticket_id", ticket.path("id").asLong());
        properties.put("subject", capped(ticket.path("subject").asText("")));
        properties.put("status", ticket.path("status").asText(""));
        if (ticket.path("priority").isTextual()) {
            properties.put("priority", ticket.path("priority").asText());
        }
        properties.put("channel", ticket.path("via").path("channel").asText(""));
        var tags = properties.putArray("tags");
        ticket.path("tags").forEach(tag -> tags.add(tag.asText()));
        properties.put("ticket_url", zendeskUrl.replaceAll("/+$", "") + "/agent/tickets/" + ticket.path("id").asLong());
        properties.put("support_suite", "Zendesk");
        var rating = ticket.path("satisfaction_rating");
        if (action == RelayAction.RATED && rating.isObject()) {
            properties.put("satisfaction_score", rating.path("score").asText(""));
            if (rating.path("comment").isTextual() && !rating.path("comment").asText().isEmpty()) {
                properties.put("satisfaction_comment", capped(rating.path("comment").asText()));
            }
        }
    }

    static Optional<Long> seconds(JsonNode time) {
        if (!time.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(time.asText()).getEpochSecond());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The text, cut so its UTF-8 form stays under Engagement's property limit without splitting a character. */
    static String capped(String text) {
        if (text.length() * 4L < MAX_PROPERTY_BYTES || text.getBytes(StandardCharsets.UTF_8).length < MAX_PROPERTY_BYTES) {
            return text;
        }
        var out = new StringBuilder();
        int bytes = 0;
        for (var it = text.codePoints().iterator(); it.hasNext(); ) {
            var codePoint = it.next();
            var size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size >= MAX_PROPERTY_BYTES - 3) {
                break;
            }
            out.appendCodePoint(codePoint);
            bytes += size;
        }
        return out.append('…').toString();
    }
}
