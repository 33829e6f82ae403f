package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.profile.Interaction;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/** Turns recent events into short lines: type, relative time in the agent's zone, two or three telling properties. */
final class InteractionViews {
    /** Properties agents care about most, in order; others fill up to the limit. */
    private static final List<String> TELLING = List.of("product", "product_name", "title", "name", "total_price", "price",
            "status", "subject", "category", "quantity");
    private static final int DETAILS = 3;

    private final Clock clock;
    private final WebUrls webUrls;
    private final NumberFormats formats;

    InteractionViews(Clock clock, WebUrls webUrls, NumberFormats formats) {
        this.clock = clock;
        this.webUrls = webUrls;
        this.formats = formats;
    }

    List<InteractionView> views(List<Interaction> events, AgentContext agent, Currency currency, Messages messages) {
        var exact = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(agent.locale()).withZone(agent.zone());
        var views = new ArrayList<InteractionView>();
        for (var event : events) {
            var age = Duration.between(event.at(), clock.instant());
            views.add(new InteractionView(humanize(event.type()), messages.get("interactions.ago", ProfileViews.age(age, messages)),
                    exact.format(event.at()), details(event, agent, currency, messages)));
        }
        return views;
    }

    private List<String> details(Interaction event, AgentContext agent, Currency fallback, Messages messages) {
        var names = new ArrayList<String>();
        TELLING.stream().filter(event.properties()::has).forEach(names::add);
        event.properties().fieldNames().forEachRemaining(name -> {
            if (!names.contains(name) && !name.equals("currency")) {
                names.add(name);
            }
        });
        var currency = currencyOf(event.properties().path("currency"), fallback);
        var formatter = new ValueFormatter(agent, currency, messages, webUrls, formats);
        return names.stream().limit(DETAILS).map(name -> {
            var value = event.properties().get(name);
            var format = name.contains("price") || name.contains("total") ? "money" : "";
            return humanize(name) + ": " + formatter.scalar(value, format);
        }).toList();
    }

    private static Currency currencyOf(JsonNode code, Currency fallback) {
        try {
            return code.isTextual() && code.asText().length() == 3 ? Currency.getInstance(code.asText().toUpperCase(Locale.ROOT)) : fallback;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    static String humanize(String name) {
        var words = name.replace('_', ' ').trim();
        return words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
