package io.engagementbridge.priority;

import java.util.List;
import java.util.Optional;

/**
 * One customer-value tier: what agents see ({@code name}), what Zendesk gets (priority and tag), and when
 * a customer belongs to it (any condition; none makes it the fallback). {@code builtIn} marks the
 * default tiers, whose names the sidebar translates.
 */
public record Tier(String name, ZendeskPriority priority, String tag, List<TierCondition> conditions, boolean builtIn) {

    public Tier {
        conditions = List.copyOf(conditions);
    }

    /** The stable machine value, e.g. for a Zendesk drop-down field option; the tag, which sorts in tier order. */
    public String value() {
        return tag;
    }

    public boolean fallback() {
        return conditions.isEmpty();
    }

    Optional<TierReason> match(CustomerRoles roles) {
        if (fallback()) {
            return Optional.of(new TierReason.Fallback());
        }
        return conditions.stream().map(c -> c.match(roles)).flatMap(Optional::stream).findFirst();
    }
}
