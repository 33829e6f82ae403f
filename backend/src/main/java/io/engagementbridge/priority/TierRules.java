package io.engagementbridge.priority;

import io.engagementbridge.profile.CustomerProfile;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The ordered customer-value tiers of one installation, and the one place a customer's tier is decided:
 * the first tier with a matching condition wins. Every path (sidebar, user sync, ticket webhook) asks here.
 */
public record TierRules(List<Tier> tiers) {

    private static final TierRules DEFAULTS = new TierRules(List.of(
            new Tier("VIP", ZendeskPriority.URGENT, "cdp_tier_1_vip", List.of(
                    new TierCondition.LtvAtLeast(new BigDecimal("5000")),
                    new TierCondition.RfmIn(List.of("Champions")),
                    new TierCondition.LoyaltyIn(List.of("Platinum"))), true),
            new Tier("High value", ZendeskPriority.HIGH, "cdp_tier_2_high", List.of(
                    new TierCondition.LtvAtLeast(new BigDecimal("1000")),
                    new TierCondition.RfmIn(List.of("Loyal Customers", "Potential Loyalists")),
                    new TierCondition.LoyaltyIn(List.of("Gold"))), true),
            new Tier("Standard", ZendeskPriority.NORMAL, "cdp_tier_3_standard", List.of(), true)));

    public TierRules {
        tiers = List.copyOf(tiers);
    }

    /** VIP (urgent), High value (high), Standard (normal): used when the priority_rules setting is empty. */
    public static TierRules defaults() {
        return DEFAULTS;
    }

    /** The customer's tier, or empty when no tier matches and the rules have no fallback tier. */
    public Optional<TierMatch> evaluate(CustomerProfile profile) {
        return evaluate(CustomerRoles.of(profile));
    }

    public Optional<TierMatch> evaluate(CustomerRoles roles) {
        for (var tier : tiers) {
            var reason = tier.match(roles);
            if (reason.isPresent()) {
                return Optional.of(new TierMatch(tier, reason.get()));
            }
        }
        return Optional.empty();
    }
}
