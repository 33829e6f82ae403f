package io.engagementbridge.priority;

import java.math.BigDecimal;

/** Why a customer got their tier: the condition that matched, with the customer's value (and threshold). */
public sealed interface TierReason {

    record LtvAtLeast(BigDecimal ltv, BigDecimal threshold) implements TierReason {
    }

    record RfmIn(String segment) implements TierReason {
    }

    record LoyaltyIn(String tier) implements TierReason {
    }

    /** The tier has no conditions: it is where customers land when no tier above matched. */
    record Fallback() implements TierReason {
    }
}
