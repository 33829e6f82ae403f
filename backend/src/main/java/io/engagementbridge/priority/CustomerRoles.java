package io.engagementbridge.priority;

import io.engagementbridge.profile.CustomerProfile;
import io.engagementbridge.profile.ProfileField;
import io.engagementbridge.profile.ProfileValues;
import io.engagementbridge.settings.FieldRole;

import java.math.BigDecimal;

/**
 * The values tier rules look at: the first available field of each role. LTV counts only when it is a
 * number (or text holding one); a null role is one the profile does not have.
 */
public record CustomerRoles(BigDecimal ltv, String rfm, String loyalty) {

    public static CustomerRoles of(CustomerProfile profile) {
        BigDecimal ltv = null;
        String rfm = null;
        String loyalty = null;
        for (var field : profile.fields()) {
            if (field.role() == null || !field.available()) {
                continue;
            }
            if (field.role() == FieldRole.LTV && ltv == null) {
                ltv = ProfileValues.decimal(field.value());
            } else if (field.role() == FieldRole.RFM && rfm == null) {
                rfm = text(field);
            } else if (field.role() == FieldRole.LOYALTY && loyalty == null) {
                loyalty = text(field);
            }
        }
        return new CustomerRoles(ltv, rfm, loyalty);
    }

    private static String text(ProfileField field) {
        var value = field.value();
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        var text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }
}
