package io.engagementbridge.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.App;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.priority.Tier;
import io.engagementbridge.priority.TierRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class SettingsParserTest {
    private final SettingsParser parser = new SettingsParser(new HostPolicy(List.of("*.exponea.com"), false), App.mapper());

    private static ObjectNode valid() {
        return App.mapper().createObjectNode()
                .put("engagement_api_base_url", "https://api.exponea.com")
                .put("engagement_project_token", "cc7cc3c6-6b36-a11b-ffaa-52f58fe58f19")
                .put("fields", "[{\"type\":\"aggregate\",\"id\":\"abc\",\"label\":\"LTV\",\"role\":\"ltv\"}]");
    }

    private List<SettingProblem> problems(ObjectNode raw) {
        return catchThrowableOfType(InvalidSettingsException.class, () -> parser.parse(raw)).problems();
    }

    @Test
    void labels_roles_and_formats_are_stripped_from_the_attribute_sent_upstream() {
        var field = parser.parse(valid()).fields().get(0);
        assertThat(field.attribute().toString()).isEqualTo("{\"type\":\"aggregate\",\"id\":\"abc\"}");
        assertThat(field.label()).isEqualTo("LTV");
        assertThat(field.role()).isEqualTo(FieldRole.LTV);
        assertThat(field.format()).isEqualTo("money");
    }

    @Test
    void bloomreach_app_format_with_a_fields_wrapper_is_accepted() {
        var settings = parser.parse(valid().put("fields", "{\"fields\":[{\"type\":\"property\",\"property\":\"city\"}]}"));
        assertThat(settings.fields()).singleElement().extracting(FieldSpec::label).isEqualTo("city");
    }

    @Test
    void defaults_apply_to_optional_settings() {
        var settings = parser.parse(valid());
        assertThat(settings.customerIdName()).isEqualTo("registered");
        assertThat(settings.currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(settings.source()).isEqualTo(DataSource.DATA_API);
    }

    @Test
    void managed_endpoint_url_switches_the_source() {
        var settings = parser.parse(valid().put("managed_endpoint_url", "https://api.exponea.com/webxp/s/proj/managed-endpoints/abc"));
        assertThat(settings.source()).isEqualTo(DataSource.MANAGED_ENDPOINT);
    }

    @Test
    void every_problem_names_its_setting() {
        var raw = App.mapper().createObjectNode()
                .put("engagement_api_base_url", "http://169.254.169.254")
                .put("engagement_project_token", "x")
                .put("fields", "[{\"type\":\"colour\"}]")
                .put("currency", "DOLLARS")
                .put("managed_endpoint_url", "https://api.exponea.com/somewhere-else");
        assertThat(problems(raw)).extracting(SettingProblem::setting).containsExactlyInAnyOrder(
                "engagement_api_base_url", "engagement_project_token", "managed_endpoint_url", "fields", "currency");
    }

    @Test
    void fields_that_are_not_json_point_at_the_position() {
        assertThat(problems(valid().put("fields", "[{\"type\": }]"))).singleElement()
                .extracting(SettingProblem::message).asString().contains("not valid JSON (line 1");
    }

    @Test
    void attribute_without_its_id_says_which_key_is_missing() {
        assertThat(problems(valid().put("fields", "[{\"type\":\"segmentation\"}]"))).singleElement()
                .extracting(SettingProblem::message).asString().contains("Attribute 1", "needs \"id\"");
    }

    @Test
    void missing_fields_and_managed_endpoint_asks_for_one_of_them() {
        assertThat(problems(valid().put("fields", ""))).singleElement()
                .extracting(SettingProblem::message).asString().contains("Add at least one attribute");
    }

    @Test
    void base_url_host_outside_the_allow_list_is_refused() {
        assertThat(problems(valid().put("engagement_api_base_url", "https://evil.example.com"))).singleElement()
                .extracting(SettingProblem::message).asString().contains("not on this backend's allow-list");
    }

    private String onlyProblem(ObjectNode raw, String setting) {
        var problems = problems(raw);
        assertThat(problems).extracting(SettingProblem::setting).containsExactly(setting);
        return problems.get(0).message();
    }

    @Test
    void base_url_that_is_not_a_url_asks_for_https() {
        assertThat(onlyProblem(valid().put("engagement_api_base_url", "api.exponea.com"), "engagement_api_base_url")).contains("must start with https://");
    }

    @Test
    void base_url_with_a_path_asks_for_the_host_only() {
        assertThat(onlyProblem(valid().put("engagement_api_base_url", "https://api.exponea.com/data/v2"), "engagement_api_base_url"))
                .contains("without a path");
    }

    @Test
    void project_token_in_the_wrong_format_shows_an_example() {
        assertThat(onlyProblem(valid().put("engagement_project_token", "my project!"), "engagement_project_token")).contains("cc7cc3c6-");
    }

    @Test
    void unknown_attribute_type_lists_the_known_ones() {
        assertThat(onlyProblem(valid().put("fields", "[{\"type\":\"aggregation\",\"id\":\"x\"}]"), "fields"))
                .contains("unknown type 'aggregation'", "aggregate, consent, expression");
    }

    @Test
    void managed_endpoint_url_must_have_the_managed_endpoint_path() {
        assertThat(onlyProblem(valid().put("managed_endpoint_url", "https://api.exponea.com/data/v2/projects/x"), "managed_endpoint_url"))
                .contains("/webxp/s/<project>/managed-endpoints/<id>");
    }

    @Test
    void currency_must_be_an_iso_4217_code() {
        assertThat(onlyProblem(valid().put("currency", "EURO"), "currency")).contains("ISO 4217");
    }

    @Test
    void customer_id_name_with_spaces_is_refused() {
        assertThat(onlyProblem(valid().put("customer_id_name", "email address"), "customer_id_name")).contains("registered");
    }

    @Test
    void predictions_default_to_percent_and_consent_times_to_dates() {
        var fields = parser.parse(valid().put("fields", """
                [{"type":"prediction","id":"p"},{"type":"consent","category":"newsletter","mode":"until"},
                 {"type":"consent","category":"newsletter"}]""")).fields();
        assertThat(fields).extracting(FieldSpec::format).containsExactly("percent", "datetime", "");
    }

    @Test
    void empty_priority_rules_mean_the_default_tiers() {
        assertThat(parser.parse(valid()).priorityRules()).isEqualTo(TierRules.defaults());
    }

    @Test
    void configured_priority_rules_replace_the_defaults() {
        var rules = parser.parse(valid().put("priority_rules", "[{\"name\":\"Everyone\",\"priority\":\"low\",\"tag\":\"all\"}]")).priorityRules();
        assertThat(rules.tiers()).singleElement().extracting(Tier::name).isEqualTo("Everyone");
    }

    @Test
    void broken_priority_rules_are_reported_with_the_other_settings() {
        var raw = valid().put("priority_rules", "[{\"name\":\"VIP\",\"priority\":\"asap\",\"tag\":\"vip\"}]").put("currency", "EURO");
        assertThat(problems(raw)).extracting(SettingProblem::setting).containsExactlyInAnyOrder("priority_rules", "currency");
        assertThat(onlyProblem(valid().put("priority_rules", "[{\"name\":\"VIP\",\"priority\":\"asap\",\"tag\":\"vip\"}]"), "priority_rules"))
                .contains("Tier 1", "'asap'", "urgent, high, normal, low");
    }

    @Test
    void managed_endpoint_roles_map_its_keys_to_roles() {
        var settings = parser.parse(valid().put("managed_endpoint_roles", "{\"Lifetime value\":\"ltv\",\"RFM segment\":\"RFM\"}"));
        assertThat(settings.managedEndpointRoles()).containsExactlyInAnyOrderEntriesOf(
                Map.of("Lifetime value", FieldRole.LTV, "RFM segment", FieldRole.RFM));
    }

    @Test
    void managed_endpoint_roles_that_are_not_an_object_show_an_example() {
        assertThat(onlyProblem(valid().put("managed_endpoint_roles", "[\"ltv\"]"), "managed_endpoint_roles"))
                .contains("JSON object", "{\"Lifetime value\":\"ltv\"");
    }

    @Test
    void managed_endpoint_role_names_are_checked_and_used_once() {
        assertThat(onlyProblem(valid().put("managed_endpoint_roles", "{\"Spend\":\"money\"}"), "managed_endpoint_roles"))
                .contains("'Spend' must map to ltv, rfm or loyalty");
        assertThat(onlyProblem(valid().put("managed_endpoint_roles", "{\"Spend\":\"ltv\",\"Total\":\"ltv\"}"), "managed_endpoint_roles"))
                .contains("Only one key can be ltv; 'Total' is the second");
    }

    @Test
    void tier_ticket_field_id_is_optional_and_numeric() {
        assertThat(parser.parse(valid()).tierTicketFieldId()).isNull();
        assertThat(parser.parse(valid().put("tier_ticket_field_id", " 360012345678 ")).tierTicketFieldId()).isEqualTo(360012345678L);
        assertThat(onlyProblem(valid().put("tier_ticket_field_id", "Customer tier"), "tier_ticket_field_id"))
                .contains("numeric ID of the ticket field");
    }
}
