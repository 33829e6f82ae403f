package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.profile.ProfileField;
import io.engagementbridge.profile.ProfileValues;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Formats Engagement values by their type and the field's format, in the agent's locale and time zone.
 * One instance serves one render, on one thread, and takes each number format it needs once.
 */
final class ValueFormatter {
    static final String HTML_KEY = "html";
    private final AgentContext agent;
    private final Currency currency;
    private final Messages messages;
    private final WebUrls webUrls;
    private final NumberFormats formats;
    private NumberFormat moneyFormat;
    private NumberFormat numberFormat;
    private NumberFormat percentFormat;

    ValueFormatter(AgentContext agent, Currency currency, Messages messages, WebUrls webUrls, NumberFormats formats) {
        this.agent = agent;
        this.currency = currency;
        this.messages = messages;
        this.webUrls = webUrls;
        this.formats = formats;
    }

    DisplayValue format(ProfileField field) {
        if (!field.available()) {
            return new DisplayValue(DisplayValue.Kind.UNAVAILABLE, messages.get("field.unavailable"), field.error(), List.of(), List.of());
        }
        var value = field.value();
        if (value == null || value.isNull() || value.isMissingNode() || (value.isTextual() && value.asText().isBlank())) {
            return DisplayValue.empty();
        }
        if (field.type().equals(ProfileField.MANAGED_ENDPOINT) && HTML_KEY.equals(field.reference()) && value.isTextual()) {
            return new DisplayValue(DisplayValue.Kind.SANITIZED_HTML, HtmlSanitizer.sanitize(value.asText()), null, List.of(), List.of());
        }
        if (field.type().equals("recommendation") && value.isArray()) {
            return new DisplayValue(DisplayValue.Kind.PRODUCTS, "", null, List.of(), products(value));
        }
        if (field.type().equals("segmentation") && value.isTextual()) {
            return new DisplayValue(DisplayValue.Kind.BADGE, value.asText(), null, List.of(), List.of());
        }
        if (value.isArray()) {
            var items = new ArrayList<String>();
            value.forEach(item -> items.add(scalar(item, field.format())));
            return items.isEmpty() ? DisplayValue.empty() : new DisplayValue(DisplayValue.Kind.LIST, "", null, items, List.of());
        }
        return DisplayValue.text(scalar(value, field.format()));
    }

    String scalar(JsonNode value, String format) {
        if (value.isObject()) {
            var parts = new ArrayList<String>();
            value.fields().forEachRemaining(e -> parts.add(e.getKey() + ": " + scalar(e.getValue(), "")));
            return String.join(", ", parts);
        }
        if (value.isArray()) {
            var parts = new ArrayList<String>();
            value.forEach(v -> parts.add(scalar(v, format)));
            return String.join(", ", parts);
        }
        if (value.isBoolean() || format.equals("boolean")) {
            return bool(value);
        }
        var number = number(value);
        if (number == null) {
            return value.asText();
        }
        return switch (format) {
            case "money" -> money(number);
            case "percent" -> percent(number);
            case "date" -> instant(number, DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM));
            case "datetime" -> instant(number, DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT));
            case "duration" -> duration(number);
            default -> number().format(number);
        };
    }

    String money(BigDecimal amount) {
        if (moneyFormat == null) {
            moneyFormat = formats.money(agent.locale(), currency);
        }
        return moneyFormat.format(amount);
    }

    /** A threshold such as 5000 reads "$5,000": whole amounts without the cents a balance shows. */
    String wholeMoney(BigDecimal amount) {
        if (amount.stripTrailingZeros().scale() > 0) {
            return money(amount);
        }
        var format = formats.money(agent.locale(), currency);
        format.setMinimumFractionDigits(0);
        format.setMaximumFractionDigits(0);
        return format.format(amount);
    }

    private NumberFormat number() {
        if (numberFormat == null) {
            numberFormat = formats.number(agent.locale());
        }
        return numberFormat;
    }

    private String percent(BigDecimal number) {
        if (percentFormat == null) {
            percentFormat = formats.percent(agent.locale());
        }
        // Scores arrive either as 0..1 or already as 0..100.
        var fraction = number.abs().compareTo(BigDecimal.ONE) > 0 ? number.movePointLeft(2) : number;
        return percentFormat.format(fraction);
    }

    private String instant(BigDecimal number, DateTimeFormatter formatter) {
        var seconds = number.abs().compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0 ? number.movePointLeft(3) : number;
        return formatter.withLocale(agent.locale()).withZone(agent.zone()).format(Instant.ofEpochSecond(seconds.longValue()));
    }

    private String duration(BigDecimal seconds) {
        var d = Duration.ofSeconds(seconds.longValue());
        if (d.toDays() > 0) {
            return messages.get("duration.days", d.toDays(), d.toHoursPart());
        }
        if (d.toHours() > 0) {
            return messages.get("duration.hours", d.toHours(), d.toMinutesPart());
        }
        return messages.get("duration.minutes", d.toMinutes(), d.toSecondsPart());
    }

    private String bool(JsonNode value) {
        var truthy = value.isBoolean() ? value.asBoolean() : value.asText().equalsIgnoreCase("true") || value.asText().equals("1");
        return messages.get(truthy ? "value.yes" : "value.no");
    }

    private List<ProductCard> products(JsonNode items) {
        var cards = new ArrayList<ProductCard>();
        items.forEach(item -> {
            var title = firstText(item, "title", "name", "product_name", "item_id");
            var price = number(item.path("price"));
            cards.add(new ProductCard(title, price == null ? null : money(price),
                    webUrls.sanitize(item.path("url").asText(null)), webUrls.sanitize(firstText(item, "image", "image_url", "img"))));
        });
        return cards;
    }

    private static String firstText(JsonNode item, String... names) {
        for (var name : names) {
            var node = item.path(name);
            if (node.isValueNode() && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return null;
    }

    static BigDecimal number(JsonNode value) {
        return ProfileValues.decimal(value);
    }
}
