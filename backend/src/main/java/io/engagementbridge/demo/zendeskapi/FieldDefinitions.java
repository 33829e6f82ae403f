package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The custom field definitions of one kind (user, organization or ticket fields), and the type rules
 * values must satisfy before Zendesk stores them. Callers hold the simulator's lock.
 */
final class FieldDefinitions {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");
    private static final Set<String> USER_TYPES = Set.of("text", "textarea", "checkbox", "date", "integer", "decimal", "regexp",
            "dropdown", "multiselect", "lookup");
    private static final Set<String> TICKET_TYPES = Set.of("text", "textarea", "checkbox", "date", "integer", "decimal", "regexp",
            "tagger", "multiselect", "lookup");

    private final String singular;
    private final boolean keyed;
    private final LongSupplier ids;
    private final Map<Long, Field> byId = new LinkedHashMap<>();

    /** {@code singular} is the JSON envelope name, e.g. "user_field"; ticket fields are not keyed. */
    FieldDefinitions(String singular, boolean keyed, LongSupplier ids) {
        this.singular = singular;
        this.keyed = keyed;
        this.ids = ids;
    }

    List<Field> all() {
        return List.copyOf(byId.values());
    }

    Optional<Field> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    Optional<Field> byKey(String key) {
        return byId.values().stream().filter(field -> field.key() != null && field.key().equals(key)).findFirst();
    }

    Field create(JsonNode node, Instant now) {
        var type = text(node, "type");
        var problems = new LinkedHashMap<String, String>();
        if (type == null || !(keyed ? USER_TYPES : TICKET_TYPES).contains(type)) {
            problems.put("type", "Type: " + (type == null ? "is required" : type + " is not a valid field type"));
        }
        var title = text(node, "title");
        if (title == null || title.isBlank()) {
            problems.put("title", "Title: cannot be blank");
        }
        String key = null;
        if (keyed) {
            key = text(node, "key");
            if (key == null || !KEY.matcher(key).matches() || ALL_DIGITS.matcher(key).matches()) {
                problems.put("key", "Key: is invalid (letters, numbers and underscores only, not all numbers)");
            } else if (byKey(key).isPresent()) {
                problems.put("key", "Key: has already been taken");
            }
        }
        var regexp = text(node, "regexp_for_validation");
        if ("regexp".equals(type)) {
            try {
                Pattern.compile(regexp == null ? "" : regexp);
            } catch (PatternSyntaxException e) {
                problems.put("regexp_for_validation", "Regexp for validation: is invalid");
            }
        }
        var options = options(node.path("custom_field_options"), List.of());
        if (type != null && (type.equals("dropdown") || type.equals("tagger") || type.equals("multiselect")) && options.isEmpty()) {
            problems.put("custom_field_options", "Field options: at least one option is required");
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        var id = ids.getAsLong();
        var field = new Field(id, key, type, title, textOr(node, "description", ""), node.path("active").asBoolean(true),
                node.path("position").asLong(byId.size()), options, regexp, text(node, "tag"), now, now);
        byId.put(id, field);
        return field;
    }

    Field update(long id, JsonNode node, Instant now) {
        var old = byId(id).orElseThrow(ApiError::notFound);
        var options = node.has("custom_field_options") ? options(node.path("custom_field_options"), old.options()) : old.options();
        var field = new Field(id, old.key(), old.type(), textOr(node, "title", old.title()), textOr(node, "description", old.description()),
                node.path("active").asBoolean(old.active()), node.path("position").asLong(old.position()), options,
                textOr(node, "regexp_for_validation", old.regexp()), textOr(node, "tag", old.tag()), old.createdAt(), now);
        byId.put(id, field);
        return field;
    }

    void delete(long id) {
        if (byId.remove(id) == null) {
            throw ApiError.notFound();
        }
    }

    String singular() {
        return singular;
    }

    /**
     * {@code current} with the keyed values in {@code given} applied (null clears); keys without a
     * definition are ignored, as Zendesk ignores them. Values that do not fit go to {@code problems}.
     */
    Map<String, Object> merge(JsonNode given, Map<String, Object> current, Map<String, String> problems) {
        if (!given.isObject()) {
            return current;
        }
        var values = new LinkedHashMap<>(current);
        given.properties().forEach(entry -> byKey(entry.getKey()).ifPresent(field -> {
            try {
                var value = normalize(field, entry.getValue());
                if (value == null) {
                    values.remove(field.key());
                } else {
                    values.put(field.key(), value);
                }
            } catch (InvalidValue e) {
                problems.put(field.key(), e.getMessage());
            }
        }));
        return Collections.unmodifiableMap(values);
    }

    /**
     * The stored form of {@code value} for {@code field}, or a problem description (Zendesk's
     * RecordInvalid text) when the value does not fit the field's type. JSON null clears (returns null).
     */
    static Object normalize(Field field, JsonNode value) throws InvalidValue {
        if (value == null || value.isNull()) {
            return null;
        }
        var title = field.title();
        switch (field.type()) {
            case "text", "textarea" -> {
                if (!value.isValueNode()) {
                    throw new InvalidValue(title + ": must be text");
                }
                return value.asText();
            }
            case "checkbox" -> {
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
                if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
                    return Boolean.parseBoolean(value.asText());
                }
                throw new InvalidValue(title + ": " + value + " is not a valid checkbox value (true or false)");
            }
            case "integer" -> {
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    return value.longValue();
                }
                if (value.isTextual() && value.asText().matches("-?[0-9]{1,18}")) {
                    return Long.parseLong(value.asText());
                }
                throw new InvalidValue(title + ": " + value + " is not a whole number");
            }
            case "decimal" -> {
                try {
                    if (value.isNumber()) {
                        return value.decimalValue();
                    }
                    if (value.isTextual()) {
                        return new BigDecimal(value.asText().trim());
                    }
                } catch (NumberFormatException ignored) {
                    // answered below
                }
                throw new InvalidValue(title + ": " + value + " is not a decimal number");
            }
            case "date" -> {
                if (value.isTextual()) {
                    var text = value.asText().trim();
                    try {
                        return LocalDate.parse(text.length() > 10 ? OffsetDateTime.parse(text).toLocalDate().toString() : text).toString();
                    } catch (DateTimeParseException ignored) {
                        // answered below
                    }
                }
                throw new InvalidValue(title + ": " + value + " is not a date (yyyy-mm-dd)");
            }
            case "regexp" -> {
                if (value.isValueNode() && Pattern.compile(field.regexp() == null ? "" : field.regexp()).matcher(value.asText()).matches()) {
                    return value.asText();
                }
                throw new InvalidValue(title + ": " + value.asText() + " does not match the field's pattern");
            }
            case "dropdown", "tagger" -> {
                if (value.isValueNode() && field.options().stream().anyMatch(option -> option.value().equals(value.asText()))) {
                    return value.asText();
                }
                throw new InvalidValue(title + ": " + value.asText() + " is not a valid option (send an option's value, not its name)");
            }
            case "multiselect" -> {
                var chosen = new ArrayList<String>();
                for (var item : value.isArray() ? value : List.of(value)) {
                    if (field.options().stream().noneMatch(option -> option.value().equals(item.asText()))) {
                        throw new InvalidValue(title + ": " + item.asText() + " is not a valid option");
                    }
                    chosen.add(item.asText());
                }
                return List.copyOf(chosen);
            }
            default -> {
                return value.isValueNode() ? value.asText() : value.toString();
            }
        }
    }

    /** A value that does not fit its field; the message is Zendesk's per-field description. */
    static final class InvalidValue extends Exception {
        InvalidValue(String message) {
            super(message, null, false, false);
        }
    }

    private List<FieldOption> options(JsonNode node, List<FieldOption> previous) {
        var options = new ArrayList<FieldOption>();
        for (var option : node) {
            var value = text(option, "value");
            var name = textOr(option, "name", value);
            if (value == null || value.isBlank()) {
                throw ApiError.invalid("custom_field_options", "Field options: every option needs a value");
            }
            var id = option.has("id") ? option.get("id").asLong()
                    : previous.stream().filter(old -> old.value().equals(value)).map(FieldOption::id).findFirst().orElseGet(ids::getAsLong);
            options.add(new FieldOption(id, name, value));
        }
        return List.copyOf(options);
    }

    static String text(JsonNode node, String name) {
        var value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    static String textOr(JsonNode node, String name, String fallback) {
        var value = text(node, name);
        return value == null ? fallback : value;
    }
}
