package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One stored import row made into the Zendesk user it asks for, with the streaming API's own trait rules
 * ({@link UserChanges}: names, standard traits, fields checked against their types, audiences), or the
 * reason it cannot be. Organisation memberships ({@code traits.company}) are not part of a bulk user
 * write: they are noted, to be sent through {@code POST /v1/cdp/events}.
 */
final class ImportUsers {
    static final String SEND_FIX = "correct the row in the input and import it again";

    sealed interface Converted {
    }

    /** The user to send; {@code tagChanges} are applied to the user's current tags before sending. */
    record Ready(ObjectNode user, String matchKey, java.util.Map<String, Boolean> tagChanges, String digest, List<String> notes) implements Converted {
    }

    record Invalid(String reason, String fix) implements Converted {
    }

    private final ObjectMapper mapper;

    ImportUsers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Converted convert(int row, String storedMessage, CdpSettings settings, List<JsonNode> userFields, Instant at) {
        ObjectNode raw;
        try {
            raw = (ObjectNode) mapper.readTree(storedMessage);
        } catch (Exception e) {
            return new Invalid("the stored row is not JSON", SEND_FIX);
        }
        var message = SegmentMessages.stored(raw, at);
        var result = UserChanges.of(row, message, userFields);
        if (result instanceof UserChanges.Failed failed) {
            var reason = failed.reason();
            var cut = reason.lastIndexOf("; ");
            return cut < 0 ? new Invalid(reason, SEND_FIX) : new Invalid(reason.substring(0, cut), reason.substring(cut + 2));
        }
        var change = ((UserChanges.Change) result).change();
        var user = mapper.createObjectNode();
        if (message.userId() != null) {
            user.put("external_id", message.userId());
        }
        var fields = mapper.createObjectNode();
        change.attributes().forEach((attribute, value) -> {
            if (attribute.startsWith("user_fields.")) {
                fields.set(attribute.substring("user_fields.".length()), value);
            } else {
                user.set(attribute, value);
            }
        });
        if (!fields.isEmpty()) {
            user.set("user_fields", fields);
        }
        if (settings.skipVerifyEmail()) {
            user.put("skip_verify_email", true);
        }
        if (settings.verified()) {
            user.put("verified", true);
        }
        var notes = new ArrayList<>(change.notes());
        if (!change.companies().isEmpty()) {
            notes.add("traits.company was not applied: bulk imports write users only; send organisation memberships through POST /v1/cdp/events");
        }
        var digested = user.deepCopy();
        if (!change.tags().isEmpty()) {
            digested.set("tag_changes", mapper.valueToTree(change.tags()));
        }
        var matchKey = message.userId() != null ? message.userId() : message.email();
        return new Ready(user, matchKey, change.tags(), digest(digested.toString()), notes);
    }

    /** The user's tags with the row's changes: added ones joined, only this bridge's audience tags ever taken away. */
    static List<String> tagsAfter(JsonNode currentTags, java.util.Map<String, Boolean> changes) {
        var tags = new LinkedHashSet<String>();
        currentTags.forEach(tag -> tags.add(tag.asText()));
        changes.forEach((tag, add) -> {
            if (add) {
                tags.add(tag);
            } else if (tag.startsWith(UserChanges.AUDIENCE_TAG_PREFIX)) {
                tags.remove(tag);
            }
        });
        return List.copyOf(tags);
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
