package io.engagementbridge.sidebar;

import io.engagementbridge.priority.TierMatch;
import io.engagementbridge.priority.TierReason;
import io.engagementbridge.settings.InstallationSettings;

/** Words for a customer's tier in the agent's language, with the reason's numbers formatted like the rest of the sidebar. */
final class TierViews {

    private TierViews() {
    }

    static TierView view(TierMatch match, InstallationSettings settings, Messages messages, ValueFormatter formatter) {
        var tier = match.tier();
        var name = tier.builtIn() ? messages.get("tier.name." + tier.tag()) : tier.name();
        var priority = tier.priority().value();
        return new TierView(name, reason(match.reason(), messages, formatter),
                messages.get("tier.priority", messages.get("priority." + priority)),
                priority, tier.tag(), tier.value(),
                settings.tierTicketFieldId() == null ? null : settings.tierTicketFieldId().toString(),
                messages.get("tier.apply"), messages.get("tier.applied"));
    }

    private static String reason(TierReason reason, Messages messages, ValueFormatter formatter) {
        if (reason instanceof TierReason.LtvAtLeast ltv) {
            return messages.get("tier.reason.ltv", formatter.money(ltv.ltv()), formatter.wholeMoney(ltv.threshold()));
        }
        if (reason instanceof TierReason.RfmIn rfm) {
            return messages.get("tier.reason.rfm", rfm.segment());
        }
        if (reason instanceof TierReason.LoyaltyIn loyalty) {
            return messages.get("tier.reason.loyalty", loyalty.tier());
        }
        return messages.get("tier.reason.fallback");
    }
}
