package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.engagementbridge.demo.zendeskapi.FieldDefinitions.text;

/**
 * The Events API: events tracked against a profile (found or created from its identifiers) and kept
 * with the timestamp the sender gave. Errors use the Events API's {@code {"errors":[…]}} envelope.
 * Callers hold the simulator's lock.
 */
final class ProfileEvents {
    private final UserDirectory users;
    private final SecureRandom random = new SecureRandom();
    private final List<ProfileEvent> events = new ArrayList<>();
    private final Map<Long, String> profileIds = new LinkedHashMap<>();

    ProfileEvents(UserDirectory users) {
        this.users = users;
    }

    List<ProfileEvent> all() {
        return List.copyOf(events);
    }

    List<ProfileEvent> ofUser(long userId) {
        return events.stream().filter(event -> event.userId() == userId).toList();
    }

    /** Tracks {@code body}'s event; {@code userId} is set for POST /users/{id}/events, else the profile's identifiers decide. */
    ProfileEvent track(JsonNode body, Long userId, Instant now) {
        var event = body.path("event");
        var profile = body.path("profile");
        var source = text(event, "source");
        var type = text(event, "type");
        if (source == null || source.isBlank() || type == null || type.isBlank()) {
            throw invalid("event.source and event.type are required");
        }
        if (source.equalsIgnoreCase("zendesk") || "zendesk".equalsIgnoreCase(text(profile, "source"))) {
            throw invalid("zendesk is a protected source name");
        }
        if (!profile.isObject() || text(profile, "source") == null || text(profile, "type") == null
                || !profile.path("identifiers").isArray() || profile.path("identifiers").isEmpty()) {
            throw invalid("profile.source, profile.type and at least one profile.identifiers entry are required");
        }
        var createdAt = now;
        if (event.hasNonNull("created_at")) {
            try {
                createdAt = OffsetDateTime.parse(event.get("created_at").asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid("event.created_at must be an ISO-8601 timestamp");
            }
        }
        var user = userId != null ? users.require(userId) : profileUser(profile, now);
        var profileId = profileIds.computeIfAbsent(user.id(), id -> newId());
        var stored = new ProfileEvent(newId(), user.id(), profileId, source, type, text(event, "description"),
                event.has("properties") ? event.get("properties") : JsonNodeFactory.instance.objectNode(), createdAt, now);
        events.add(stored);
        return stored;
    }

    private User profileUser(JsonNode profile, Instant now) {
        String email = null;
        String externalId = null;
        for (var identifier : profile.path("identifiers")) {
            switch (identifier.path("type").asText()) {
                case "email" -> email = identifier.path("value").asText();
                case "external_id" -> externalId = identifier.path("value").asText();
                default -> { }
            }
        }
        Optional<User> found = externalId != null ? users.byExternalId(externalId) : Optional.empty();
        if (found.isEmpty() && email != null) {
            found = users.byEmail(email);
        }
        if (found.isPresent()) {
            return found.get();
        }
        var node = JsonNodeFactory.instance.objectNode();
        node.put("name", text(profile, "name") != null ? text(profile, "name") : email != null ? email : externalId != null ? externalId : "Unknown");
        node.put("email", email);
        node.put("external_id", externalId);
        return users.create(node, now);
    }

    private String newId() {
        var bytes = new byte[13];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toUpperCase();
    }

    static ApiError invalid(String title) {
        return new ApiError(400, Map.of("errors", List.of(Map.of("code", "InvalidParameter", "id", "InvalidParameter", "title", title))));
    }
}
