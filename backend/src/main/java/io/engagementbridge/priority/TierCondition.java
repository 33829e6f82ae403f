package io.engagementbridge.priority;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One way a customer qualifies for a tier; on a match it says why. */
public sealed interface TierCondition {

    Optional<TierReason> match(CustomerRoles roles);

    /** Lifetime value at least {@code threshold} (in the installation's currency). */
    record LtvAtLeast(BigDecimal threshold) implements TierCondition {
        @Override
        public Optional<TierReason> match(CustomerRoles roles) {
            return roles.ltv() != null && roles.ltv().compareTo(threshold) >= 0
                    ? Optional.of(new TierReason.LtvAtLeast(roles.ltv(), threshold)) : Optional.empty();
        }
    }

    /** RFM segment is one of {@code segments}, ignoring case and surrounding spaces. */
    record RfmIn(List<String> segments) implements TierCondition {
        @Override
        public Optional<TierReason> match(CustomerRoles roles) {
            return contains(segments, roles.rfm()) ? Optional.of(new TierReason.RfmIn(roles.rfm())) : Optional.empty();
        }
    }

    /** Loyalty tier is one of {@code tiers}, ignoring case and surrounding spaces. */
    record LoyaltyIn(List<String> tiers) implements TierCondition {
        @Override
        public Optional<TierReason> match(CustomerRoles roles) {
            return contains(tiers, roles.loyalty()) ? Optional.of(new TierReason.LoyaltyIn(roles.loyalty())) : Optional.empty();
        }
    }

    private static boolean contains(List<String> names, String value) {
        if (value == null) {
            return false;
        }
        var wanted = value.trim().toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(name -> name.trim().toLowerCase(Locale.ROOT).equals(wanted));
    }
}
