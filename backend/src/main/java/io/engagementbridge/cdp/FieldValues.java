package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * A CDP value made to fit a Zendesk custom field (user or organization) before it is sent: dropdowns
 * by option value or label, dates, decimals, whole numbers, checkboxes, patterns. A value that cannot
 * fit is a {@link Problem} naming the field and what to send instead; Zendesk never sees it.
 */
final class FieldValues {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");

    sealed interface Result {
    }

    record Fits(JsonNode value) implements Result {
    }

    record Problem(String reason) implements Result {
    }

    private FieldValues() {
    }

    /** The field (of {@code fields}, Zendesk's definitions) a trait writes to: its key, or the key of its snake_case spelling. */
    static Optional<JsonNode> fieldFor(String trait, List<JsonNode> fields) {
        var snake = trait.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return fields.stream().filter(field -> field.path("active").asBoolean(true))
                .filter(field -> field.path("key").asText().equalsIgnoreCase(trait) || field.path("key").asText().equalsIgnoreCase(snake))
                .findFirst();
    }

    static Result convert(String trait, JsonNode field, JsonNode value) {
        if (value == null || value.isNull()) {
            return new Fits(JSON.nullNode());
        }
        var title = field.path("title").asText(field.path("key").asText());
        var type = field.path("type").asText("text");
        var shown = value.isValueNode() ? clip(value.asText()) : clip(value.toString());
        var intro = "trait " + trait + " = \"" + shown + "\": " + title + " is a " + type + " field; ";
        switch (type) {
            case "text", "textarea" -> {
                return value.isValueNode() ? new Fits(JSON.textNode(value.asText())) : new Problem(intro + "send text");
            }
            case "integer" -> {
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    return new Fits(JSON.numberNode(value.longValue()));
                }
                if (value.isTextual() && WHOLE.matcher(value.asText().trim()).matches()) {
                    return new Fits(JSON.numberNode(Long.parseLong(value.asText().trim())));
                }
                return new Problem(intro + "send a whole number such as 42");
            }
            case "decimal" -> {
                try {
                    if (value.isNumber()) {
                        return new Fits(JSON.numberNode(value.decimalValue()));
                    }
                    if (value.isTextual()) {
                        return new Fits(JSON.numberNode(new BigDecimal(value.asText().trim())));
                    }
                } catch (NumberFormatException e) {
                    // answered below
                }
                return new Problem(intro + "send a number such as 1234.5");
            }
            case "checkbox" -> {
                if (value.isBoolean()) {
                    return new Fits(value);
                }
                var text = value.asText().trim().toLowerCase(Locale.ROOT);
                if (value.isValueNode() && List.of("true", "yes", "1").contains(text)) {
                    return new Fits(JSON.booleanNode(true));
                }
                if (value.isValueNode() && List.of("false", "no", "0").contains(text)) {
                    return new Fits(JSON.booleanNode(false));
                }
                return new Problem(intro + "send true or false");
            }
            case "date" -> {
                if (value.isTextual()) {
                    var text = value.asText().trim();
                    try {
                        return new Fits(JSON.textNode((text.length() > 10 ? OffsetDateTime.parse(text).toLocalDate() : LocalDate.parse(text)).toString()));
                    } catch (DateTimeParseException e) {
                        // answered below
                    }
                }
                return new Problem(intro + "send a date as yyyy-mm-dd");
            }
            case "regexp" -> {
                var pattern = field.path("regexp_for_validation").asText("");
                try {
                    if (value.isValueNode() && Pattern.compile(pattern).matcher(value.asText()).matches()) {
                        return new Fits(JSON.textNode(value.asText()));
                    }
                } catch (PatternSyntaxException e) {
                    return new Problem(intro + "its pattern is not valid in Zendesk; fix the field in Admin Center");
                }
                return new Problem(intro + "send a value matching " + pattern);
            }
            case "dropdown", "tagger" -> {
                var option = value.isValueNode() ? option(field, value.asText()) : Optional.<String>empty();
                return option.<Result>map(chosen -> new Fits(JSON.textNode(chosen)))
                        .orElseGet(() -> new Problem(intro + "send one of its options: " + options(field)));
            }
            case "multiselect" -> {
                var chosen = JSON.arrayNode();
                for (var item : value.isArray() ? value : List.of(value)) {
                    var option = item.isValueNode() ? option(field, item.asText()) : Optional.<String>empty();
                    if (option.isEmpty()) {
                        return new Problem(intro + "send a list of its options: " + options(field));
                    }
                    chosen.add(option.get());
                }
                return new Fits(chosen);
            }
            default -> {
                return value.isValueNode() ? new Fits(JSON.textNode(value.asText())) : new Problem(intro + "send text");
            }
        }
    }

    /** An option's value from its value or its label (ignoring case); Zendesk itself takes only the value. */
    private static Optional<String> option(JsonNode field, String given) {
        var trimmed = given.trim();
        var options = new ArrayList<JsonNode>();
        field.path("custom_field_options").forEach(options::add);
        return options.stream().filter(o -> o.path("value").asText().equals(trimmed)).findFirst()
                .or(() -> options.stream().filter(o -> o.path("name").asText().equalsIgnoreCase(trimmed)
                        || o.path("value").asText().equalsIgnoreCase(trimmed)).findFirst())
                .map(o -> o.path("value").asText());
    }

    private static String options(JsonNode field) {
        var names = new ArrayList<String>();
        field.path("custom_field_options").forEach(o -> names.add(o.path("name").asText()));
        return names.stream().limit(10).collect(Collectors.joining(", ")) + (names.size() > 10 ? ", …" : "");
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
