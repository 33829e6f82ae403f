package io.engagementbridge.priority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.profile.CustomerProfile;
import io.engagementbridge.profile.ProfileField;
import io.engagementbridge.settings.FieldRole;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class TierRulesTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static CustomerProfile customer(JsonNode ltv, String rfm, String loyalty) {
        var fields = new ArrayList<ProfileField>();
        fields.add(new ProfileField("City", null, "", "property", "city", JSON.textNode("London"), null));
        if (ltv != null) {
            fields.add(new ProfileField("Lifetime value", FieldRole.LTV, "money", "aggregate", "ltv", ltv, null));
        }
        if (rfm != null) {
            fields.add(new ProfileField("RFM", FieldRole.RFM, "", "property", "rfm_segment", JSON.textNode(rfm), null));
        }
        if (loyalty != null) {
            fields.add(new ProfileField("Loyalty", FieldRole.LOYALTY, "", "property", "loyalty_tier", JSON.textNode(loyalty), null));
        }
        return new CustomerProfile(fields, Instant.EPOCH);
    }

    private static TierMatch tierOf(CustomerProfile profile) {
        return TierRules.defaults().evaluate(profile).orElseThrow();
    }

    @Test
    void ltv_at_the_threshold_makes_a_vip_and_says_value_and_threshold() {
        var match = tierOf(customer(JSON.numberNode(5000), "Hibernating", "Bronze"));
        assertThat(match.tier().tag()).isEqualTo("cdp_tier_1_vip");
        assertThat(match.tier().priority()).isEqualTo(ZendeskPriority.URGENT);
        assertThat(match.reason()).isEqualTo(new TierReason.LtvAtLeast(new BigDecimal("5000"), new BigDecimal("5000")));
    }

    @Test
    void ltv_given_as_text_counts_as_a_number() {
        assertThat(tierOf(customer(JSON.textNode(" 1200.50 "), null, null)).tier().tag()).isEqualTo("cdp_tier_2_high");
    }

    @Test
    void rfm_segment_in_the_list_matches_ignoring_case() {
        var match = tierOf(customer(JSON.numberNode(10), "champions", "Bronze"));
        assertThat(match.tier().tag()).isEqualTo("cdp_tier_1_vip");
        assertThat(match.reason()).isEqualTo(new TierReason.RfmIn("champions"));
    }

    @Test
    void loyalty_tier_in_the_list_matches() {
        var match = tierOf(customer(null, "At Risk", "Gold"));
        assertThat(match.tier().tag()).isEqualTo("cdp_tier_2_high");
        assertThat(match.reason()).isEqualTo(new TierReason.LoyaltyIn("Gold"));
    }

    @Test
    void first_matching_tier_wins_even_when_a_later_one_also_matches() {
        var match = tierOf(customer(JSON.numberNode(1500), "Champions", "Gold"));
        assertThat(match.tier().name()).isEqualTo("VIP");
        assertThat(match.reason()).isEqualTo(new TierReason.RfmIn("Champions"));
    }

    @Test
    void a_customer_matching_nothing_lands_in_the_fallback_tier() {
        var match = tierOf(customer(JSON.numberNode(89.99), "At Risk", "Bronze"));
        assertThat(match.tier().tag()).isEqualTo("cdp_tier_3_standard");
        assertThat(match.tier().priority()).isEqualTo(ZendeskPriority.NORMAL);
        assertThat(match.reason()).isEqualTo(new TierReason.Fallback());
    }

    @Test
    void a_profile_without_any_role_lands_in_the_fallback_tier() {
        assertThat(tierOf(customer(null, null, null)).tier().tag()).isEqualTo("cdp_tier_3_standard");
    }

    @Test
    void unavailable_or_non_numeric_ltv_never_qualifies() {
        var unavailable = new CustomerProfile(List.of(
                new ProfileField("Lifetime value", FieldRole.LTV, "money", "aggregate", "ltv", null, "Forbidden")), Instant.EPOCH);
        assertThat(tierOf(unavailable).tier().tag()).isEqualTo("cdp_tier_3_standard");
        assertThat(tierOf(customer(JSON.textNode("$12,845.50"), null, null)).tier().tag()).isEqualTo("cdp_tier_3_standard");
    }

    @Test
    void rules_without_a_fallback_give_no_tier_when_nothing_matches() {
        var rules = new TierRules(List.of(new Tier("Gold", ZendeskPriority.HIGH, "gold",
                List.of(new TierCondition.LoyaltyIn(List.of("Gold"))), false)));
        assertThat(rules.evaluate(customer(null, null, "Silver"))).isEmpty();
        assertThat(rules.evaluate(customer(null, null, "Gold"))).isPresent();
    }

    @Test
    void default_tags_sort_in_tier_order_and_serve_as_the_machine_value() {
        var tags = TierRules.defaults().tiers().stream().map(Tier::value).toList();
        assertThat(tags).containsExactly("cdp_tier_1_vip", "cdp_tier_2_high", "cdp_tier_3_standard").isSorted();
        assertThat(TierRules.defaults().tiers()).extracting(Tier::priority)
                .containsExactly(ZendeskPriority.URGENT, ZendeskPriority.HIGH, ZendeskPriority.NORMAL);
    }
}
