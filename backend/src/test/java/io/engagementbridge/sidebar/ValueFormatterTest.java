package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.App;
import io.engagementbridge.profile.ProfileField;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Each Engagement attribute type and each field format, as an English (US) agent in Prague sees it. */
final class ValueFormatterTest {
    private static final AgentContext AGENT = new AgentContext(Locale.US, ZoneId.of("Europe/Prague"), false);
    private final ValueFormatter formatter = formatter(AGENT);

    private static ValueFormatter formatter(AgentContext agent) {
        return new ValueFormatter(agent, Currency.getInstance("USD"), new Messages(agent.locale()), new WebUrls(), new NumberFormats());
    }

    private static JsonNode json(String text) {
        try {
            return App.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private DisplayValue show(String type, String format, String value) {
        return formatter.format(new ProfileField("Label", null, format, type, "ref", json(value), null));
    }

    @Test
    void property_text_is_shown_as_is() {
        assertThat(show("property", "", "\"Prague\"").text()).isEqualTo("Prague");
    }

    @Test
    void soft_id_arrays_become_a_list() {
        var shown = show("id", "", "[\"cookie-1\",\"cookie-2\"]");
        assertThat(shown.kind()).isEqualTo(DisplayValue.Kind.LIST);
        assertThat(shown.items()).containsExactly("cookie-1", "cookie-2");
    }

    @Test
    void segmentation_is_a_badge_with_the_segment_name() {
        var shown = show("segmentation", "", "\"Champions\"");
        assertThat(shown.kind()).isEqualTo(DisplayValue.Kind.BADGE);
        assertThat(shown.text()).isEqualTo("Champions");
    }

    @Test
    void aggregate_as_money_uses_the_installation_currency_in_the_agents_locale() {
        assertThat(show("aggregate", "money", "12845.5").text()).isEqualTo("$12,845.50");
        var german = formatter(new AgentContext(Locale.GERMANY, ZoneId.of("Europe/Berlin"), false));
        assertThat(german.format(new ProfileField("LTV", null, "money", "aggregate", "x", json("1234.56"), null)).text())
                .isEqualTo("1.234,56\u00a0$");
    }

    @Test
    void expression_as_number_is_grouped() {
        assertThat(show("expression", "number", "14210").text()).isEqualTo("14,210");
    }

    @Test
    void prediction_as_percent_reads_scores_between_zero_and_one() {
        assertThat(show("prediction", "percent", "0.042").text()).isEqualTo("4.2%");
        assertThat(show("prediction", "percent", "42").text()).isEqualTo("42%");
    }

    @Test
    void dates_and_datetimes_are_in_the_agents_time_zone() {
        // 2026-11-20T23:30:00Z is already 21 November in Prague.
        assertThat(show("expression", "date", "1795217400").text()).isEqualTo("Nov 21, 2026");
        assertThat(show("expression", "datetime", "1795217400").text()).isEqualTo("Nov 21, 2026, 12:30 AM");
        assertThat(show("expression", "date", "1795217400000").text()).as("milliseconds").isEqualTo("Nov 21, 2026");
    }

    @Test
    void durations_read_in_days_hours_and_minutes() {
        assertThat(show("aggregate", "duration", "93784").text()).isEqualTo("1 d 2 h");
        assertThat(show("aggregate", "duration", "125").text()).isEqualTo("2 min 5 s");
    }

    @Test
    void booleans_and_consents_read_yes_or_no() {
        assertThat(show("consent", "", "true").text()).isEqualTo("Yes");
        assertThat(show("property", "boolean", "0").text()).isEqualTo("No");
    }

    @Test
    void consent_message_and_source_modes_are_text() {
        assertThat(show("consent", "", "\"Signed up at checkout\"").text()).isEqualTo("Signed up at checkout");
    }

    @Test
    void recommendations_become_product_cards_with_only_web_links() {
        var shown = show("recommendation", "", """
                [{"title":"Desk lamp","price":49.5,"url":"https://shop.example/p/1","image":"https://cdn.example/1.png"},
                 {"name":"Rug","url":"javascript:alert(1)","image":"data:image/svg+xml,<svg onload=alert(2)>"}]""");
        assertThat(shown.kind()).isEqualTo(DisplayValue.Kind.PRODUCTS);
        assertThat(shown.products()).containsExactly(
                new ProductCard("Desk lamp", "$49.50", "https://shop.example/p/1", "https://cdn.example/1.png"),
                new ProductCard("Rug", null, null, null));
    }

    @Test
    void nested_objects_read_as_key_value_pairs() {
        assertThat(show("managed_endpoint", "", "{\"city\":\"Prague\",\"orders\":3}").text()).isEqualTo("city: Prague, orders: 3");
    }

    @Test
    void missing_values_show_a_dash_and_errors_show_unavailable_with_the_reason() {
        assertThat(show("property", "", "null").kind()).isEqualTo(DisplayValue.Kind.EMPTY);
        var denied = formatter.format(new ProfileField("Label", null, "", "aggregate", "x", null, "No permission"));
        assertThat(denied.kind()).isEqualTo(DisplayValue.Kind.UNAVAILABLE);
        assertThat(denied.text()).isEqualTo("unavailable");
        assertThat(denied.reason()).isEqualTo("No permission");
    }
}
