package io.engagementbridge.priority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.profile.ProfileValues;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The four user fields the bridge keeps on a Zendesk user: the tier (its drop-down value, the tier tag),
 * LTV (rounded to cents, as Zendesk's decimal field keeps it), RFM segment and loyalty tier. A null is a
 * value the profile does not have, written as a cleared field.
 */
public record UserTierFields(String tier, BigDecimal ltv, String rfm, String loyalty) {

    public UserTierFields {
        ltv = ltv == null ? null : ltv.setScale(2, RoundingMode.HALF_UP);
    }

    public static UserTierFields of(TierMatch match, CustomerRoles roles) {
        return new UserTierFields(match.tier().value(), roles.ltv(), roles.rfm(), roles.loyalty());
    }

    /** What a user's {@code user_fields} object (as Zendesk answers it) holds for our four keys. */
    public static UserTierFields held(JsonNode userFields) {
        return new UserTierFields(text(userFields.path(Provisioning.TIER_FIELD_KEY)), ProfileValues.decimal(userFields.path(Provisioning.LTV_FIELD_KEY)),
                text(userFields.path(Provisioning.RFM_FIELD_KEY)), text(userFields.path(Provisioning.LOYALTY_FIELD_KEY)));
    }

    /** The {@code user_fields} object of an Update User request. */
    public ObjectNode userFields() {
        var fields = JsonNodeFactory.instance.objectNode();
        fields.put(Provisioning.TIER_FIELD_KEY, tier);
        fields.put(Provisioning.LTV_FIELD_KEY, ltv);
        fields.put(Provisioning.RFM_FIELD_KEY, rfm);
        fields.put(Provisioning.LOYALTY_FIELD_KEY, loyalty);
        return fields;
    }

    /** Equal values by meaning: LTV numerically, so Zendesk answering 12845.5 for 12845.50 is no change. */
    public boolean sameAs(UserTierFields other) {
        return Objects.equals(tier, other.tier) && Objects.equals(rfm, other.rfm) && Objects.equals(loyalty, other.loyalty)
                && (ltv == null ? other.ltv == null : other.ltv != null && ltv.compareTo(other.ltv) == 0);
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        var text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }
}
