package io.engagementbridge.priority;

import io.engagementbridge.App;
import io.engagementbridge.settings.SettingProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class TierRulesParserTest {
    private final TierRulesParser parser = new TierRulesParser(App.mapper());

    private TierRules parsed(String json) {
        var problems = new ArrayList<SettingProblem>();
        var rules = parser.parse(json, problems);
        assertThat(problems).isEmpty();
        return rules;
    }

    private List<String> problems(String json) {
        var problems = new ArrayList<SettingProblem>();
        parser.parse(json, problems);
        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.setting()).isEqualTo("priority_rules"));
        return problems.stream().map(SettingProblem::message).toList();
    }

    @Test
    void empty_setting_means_the_default_tiers() {
        assertThat(parsed("")).isSameAs(TierRules.defaults());
        assertThat(parsed("   ")).isSameAs(TierRules.defaults());
    }

    @Test
    void tiers_keep_their_order_conditions_and_priority() {
        var rules = parsed("""
                [{"name":"Whale","priority":"urgent","tag":"t1_whale","when":{"ltv_at_least":20000.5,"rfm_in":["Champions"]}},
                 {"name":"Club","priority":"high","tag":"t2_club","when":{"loyalty_in":["Gold","Platinum"]}},
                 {"name":"Everyone","priority":"low","tag":"t3_rest"}]""");
        assertThat(rules.tiers()).extracting(Tier::name).containsExactly("Whale", "Club", "Everyone");
        assertThat(rules.tiers()).extracting(Tier::priority).containsExactly(ZendeskPriority.URGENT, ZendeskPriority.HIGH, ZendeskPriority.LOW);
        assertThat(rules.tiers().get(0).conditions()).containsExactly(
                new TierCondition.LtvAtLeast(new BigDecimal("20000.5")), new TierCondition.RfmIn(List.of("Champions")));
        assertThat(rules.tiers().get(1).conditions()).containsExactly(new TierCondition.LoyaltyIn(List.of("Gold", "Platinum")));
        assertThat(rules.tiers().get(2).fallback()).isTrue();
        assertThat(rules.tiers()).noneMatch(Tier::builtIn);
    }

    @Test
    void a_tiers_wrapper_object_is_accepted() {
        assertThat(parsed("{\"tiers\":[{\"name\":\"All\",\"priority\":\"normal\",\"tag\":\"all\"}]}").tiers()).hasSize(1);
    }

    @Test
    void invalid_json_says_where_and_shows_an_example() {
        assertThat(problems("[{\"name\":\"VIP\",}")).singleElement().asString()
                .contains("not valid JSON", "line 1", "\"priority\":\"urgent\"", "leave it empty for the default tiers");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"name\":\"VIP\"}                                    | Expected a JSON array of tiers",
            "\"VIP\"                                               | Expected a JSON array of tiers",
            "[]                                                    | Add at least one tier",
            "[\"VIP\"]                                             | Tier 1: expected an object like",
            "[{\"priority\":\"urgent\",\"tag\":\"vip\"}]           | Tier 1: give the tier a \"name\"",
            "[{\"name\":\"VIP\",\"tag\":\"vip\"}]                  | Tier 1: add a \"priority\"; use one of urgent, high, normal, low.",
            "[{\"name\":\"VIP\",\"priority\":\"P1\",\"tag\":\"vip\"}] | the priority 'P1' is not a Zendesk priority; use one of urgent, high, normal, low.",
            "[{\"name\":\"VIP\",\"priority\":\"urgent\"}]          | Tier 1: add a \"tag\"; use lower-case letters",
            "[{\"name\":\"VIP\",\"priority\":\"urgent\",\"tag\":\"VIP Tier\"}] | the tag 'VIP Tier' cannot be used; use lower-case letters, digits, _ and -",
            "[{\"name\":\"VIP\",\"priority\":\"urgent\",\"tag\":\"vip\",\"prio\":1}] | unknown key 'prio'; a tier has only name, priority, tag and when.",
            "[{\"name\":\"VIP\",\"priority\":\"urgent\",\"tag\":\"vip\",\"when\":[1]}] | \"when\" must be an object",
            "[{\"name\":\"VIP\",\"priority\":\"urgent\",\"tag\":\"vip\",\"when\":{\"ltv_over\":1}}] | unknown condition 'ltv_over'; use ltv_at_least, rfm_in, loyalty_in.",
            "[{\"name\":\"VIP\",\"priority\":\"urgent\",\"tag\":\"vip\",\"when\":{\"ltv_at_least\":\"$5,000\"}}] | ltv_at_least must be a number",
            "[{\"name\":\"VIP\",\"priority\":\"urgent\",\"tag\":\"vip\",\"when\":{\"ltv_at_least\":-1}}] | ltv_at_least must be a number of at least 0",
            "[{\"name\":\"VIP\",\"priority\":\"urgent\",\"tag\":\"vip\",\"when\":{\"rfm_in\":\"Champions\"}}] | rfm_in must be a list of names",
            "[{\"name\":\"VIP\",\"priority\":\"urgent\",\"tag\":\"vip\",\"when\":{\"loyalty_in\":[]}}] | loyalty_in must be a list of names",
            "[{\"name\":\"VIP\",\"priority\":\"urgent\",\"tag\":\"vip\",\"when\":{\"loyalty_in\":[\"Gold\",7]}}] | loyalty_in must be a list of names",
            "[{\"name\":\"A\",\"priority\":\"high\",\"tag\":\"same\",\"when\":{\"rfm_in\":[\"x\"]}},{\"name\":\"B\",\"priority\":\"low\",\"tag\":\"same\"}] | Tier 2: the tag 'same' is already used by another tier",
            "[{\"name\":\"All\",\"priority\":\"normal\",\"tag\":\"all\"},{\"name\":\"VIP\",\"priority\":\"urgent\",\"tag\":\"vip\",\"when\":{\"rfm_in\":[\"x\"]}}] | Tier 1 (All) has no conditions, so every customer matches it and the tiers after it never apply. Move it to the end",
    })
    void every_invalid_shape_is_named_with_its_fix(String json, String expected) {
        assertThat(problems(json)).anySatisfy(message -> assertThat(message).contains(expected));
    }

    @Test
    void too_many_tiers_are_refused() {
        var tiers = new StringBuilder("[");
        for (int i = 0; i <= TierRulesParser.MAX_TIERS; i++) {
            tiers.append(i == 0 ? "" : ",").append("{\"name\":\"T").append(i).append("\",\"priority\":\"low\",\"tag\":\"t").append(i)
                    .append("\",\"when\":{\"rfm_in\":[\"x\"]}}");
        }
        assertThat(problems(tiers.append("]").toString())).singleElement().asString().contains("At most 20 tiers");
    }

    @Test
    void every_broken_tier_is_reported_at_once() {
        assertThat(problems("[{\"name\":\"\",\"priority\":\"urgent\",\"tag\":\"a\"},{\"name\":\"B\",\"priority\":\"soon\",\"tag\":\"b\"}]"))
                .anySatisfy(m -> assertThat(m).startsWith("Tier 1:"))
                .anySatisfy(m -> assertThat(m).startsWith("Tier 2:"));
    }
}
