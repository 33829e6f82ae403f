package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/** Reading Engagement's loosely typed values: numbers arrive as JSON numbers or as text holding one. */
public final class ProfileValues {

    private ProfileValues() {
    }

    /** The value as a number, or null when it is neither a number nor text holding one. */
    public static BigDecimal decimal(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
