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
import java.util.LinkedHashMap;
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
    private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,17})\\.[0-9]{1,10}");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}(T.*)?");

    private final FieldCatalog fields;
    private final ObjectMapper mapper;

    MissingFields(FieldCatalog fields, ObjectMapper mapper) {
        this.fields = fields;
        this.mapper = mapper;
    }

    /** Creates the user fields the messages' traits lack; returns, per work item id, what was created or why it could not be. */
    Map<Long, List<String>> create(CdpConnections.Target zendesk, Map<Long, CdpMessage> messages, List<JsonNode> known) throws InterruptedException {
        return create(zendesk, messages, known, false);
    }

    /**
     * As above; {@code fromText} reads types from text values too (a CSV holds only text: {@code 42} is a whole number
     * there, while a JSON message's {@code "42"} stays text). A trait whose rows disagree gets the type that holds them all.
     */
    Map<Long, List<String>> create(CdpConnections.Target zendesk, Map<Long, CdpMessage> messages, List<JsonNode> known, boolean fromText)
            throws InterruptedException {
        var wanted = new LinkedHashMap<String, Wanted>();
        var notes = new HashMap<Long, List<String>>();
        for (var entry : messages.entrySet()) {
            if (!entry.getValue().type().equals("identify")) {
                continue;
            }
            for (var trait : entry.getValue().body().path("traits").properties()) {
                var name = trait.getKey();
                var key = UserChanges.snake(name);
                if (UserChanges.STANDARD.contains(name) || FieldValues.fieldFor(name, known).isPresent()) {
                    continue;
                }
                var type = fromText ? typeOfText(trait.getValue()) : typeOf(trait.getValue());
                if (type.isEmpty()) {
                    continue;
                }
                if (!KEY.matcher(key).matches()) {
                    notes.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add("no user field was created for trait " + name
                            + ": a field key may hold only letters, digits and underscores and start with a letter; rename the trait");
                    continue;
                }
                wanted.merge(key, new Wanted(entry.getKey(), name, type.get()), (first, next) -> new Wanted(first.itemId(), first.trait(),
                        wider(first.type(), next.type())));
            }
        }
        for (var entry : wanted.entrySet()) {
            var each = entry.getValue();
            notes.computeIfAbsent(each.itemId(), id -> new ArrayList<>()).add(create(zendesk, each.trait(), entry.getKey(), each.type()));
        }
        if (!wanted.isEmpty()) {
            fields.forget(zendesk.connection().id());
        }
        return notes;
    }

    private record Wanted(long itemId, String trait, String type) {
    }

    /** The type that holds values of both: a whole number is a decimal, anything else that differs is text. */
    private static String wider(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        var numbers = List.of("integer", "decimal");
        return numbers.contains(a) && numbers.contains(b) ? "decimal" : "text";
    }

    /** A text value's type as a CSV cell holds it: true/false, a whole number (no leading zero: "007" is a code), a decimal, an ISO date, else text. */
    static Optional<String> typeOfText(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return typeOf(value);
        }
        var text = value.asText().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Optional.of("checkbox");
        }
        if (WHOLE.matcher(text).matches()) {
            return Optional.of("integer");
        }
        if (DECIMAL.matcher(text).matches()) {
            return Optional.of("decimal");
        }
        return typeOf(value);
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
