package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The opt-in {@code cdp.create_missing_fields}: a trait with no user field creates one, once, its type
 * read from the value (checkbox for true/false, integer or decimal for numbers, date for ISO dates, text
 * otherwise), so the value can be written in the same pass. Each message that caused a field says so.
 */
final class MissingFields {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}(T.*)?");

    private final FieldCatalog fields;
    private final ObjectMapper mapper;

    MissingFields(FieldCatalog fields, ObjectMapper mapper) {
        this.fields = fields;
        this.mapper = mapper;
    }

    /** Creates the user fields the messages' traits lack; returns, per work item id, what was created or why it could not be. */
    Map<Long, List<String>> create(CdpConnections.Target zendesk, Map<Long, CdpMessage> messages, List<JsonNode> known) throws InterruptedException {
        var notes = new HashMap<Long, List<String>>();
        var created = new HashSet<String>();
        for (var entry : messages.entrySet()) {
            if (!entry.getValue().type().equals("identify")) {
                continue;
            }
            for (var trait : entry.getValue().body().path("traits").properties()) {
                var name = trait.getKey();
                var key = UserChanges.snake(name);
                if (UserChanges.STANDARD.contains(name) || created.contains(key) || FieldValues.fieldFor(name, known).isPresent()) {
                    continue;
                }
                var type = typeOf(trait.getValue());
                if (type.isEmpty()) {
                    continue;
                }
                var note = notes.computeIfAbsent(entry.getKey(), id -> new ArrayList<>());
                if (!KEY.matcher(key).matches()) {
                    note.add("no user field was created for trait " + name + ": a field key may hold only letters, digits and underscores "
                            + "and start with a letter; rename the trait");
                    continue;
                }
                note.add(create(zendesk, name, key, type.get()));
                created.add(key);
            }
        }
        if (!created.isEmpty()) {
            fields.forget(zendesk.connection().id());
        }
        return notes;
    }

    private String create(CdpConnections.Target zendesk, String trait, String key, String type) throws InterruptedException {
        var field = mapper.createObjectNode().put("key", key).put("type", type).put("title", title(trait))
                .put("description", "Created by Engagement Bridge for the CDP trait " + trait);
        try {
            zendesk.await(WriteKind.OTHER_WRITE, "user_fields");
            zendesk.client().createUserField(field);
            return "user field " + key + " (" + type + ") created for trait " + trait;
        } catch (ZendeskException e) {
            if (e.failure() instanceof ZendeskFailure.Invalid invalid && invalid.errors().stream().anyMatch(error -> error.field().equals("key"))) {
                // Another worker created it first; the value is written to that field.
                return "user field " + key + " for trait " + trait + " already exists";
            }
            if (e.failure().retryable()) {
                throw e;
            }
            return "user field " + key + " could not be created for trait " + trait + ": " + e.failure().summary() + ": " + e.failure().hint();
        }
    }

    /** The field type a value fits; empty for null (nothing to learn from) or a list or object (no field type holds one). */
    static Optional<String> typeOf(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of("checkbox");
        }
        if (value.isIntegralNumber()) {
            return Optional.of("integer");
        }
        if (value.isNumber()) {
            return Optional.of("decimal");
        }
        var text = value.asText().trim();
        if (ISO_DATE.matcher(text).matches()) {
            try {
                if (text.length() > 10) {
                    OffsetDateTime.parse(text);
                } else {
                    LocalDate.parse(text);
                }
                return Optional.of("date");
            } catch (DateTimeParseException e) {
                // not a date after all: a text field
            }
        }
        return Optional.of("text");
    }

    /** {@code favouriteColour} or {@code favourite_colour} → "Favourite colour". */
    private static String title(String trait) {
        var words = UserChanges.snake(trait).replace('_', ' ').trim();
        return words.isEmpty() ? trait : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
