package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.settings.FieldRole;

/** One labelled value of a customer, or the reason Engagement would not give it. */
public record ProfileField(String label, FieldRole role, String format, String type, String reference, JsonNode value, String error) {

    /** The type of rows that come from a Managed Endpoint's JSON object rather than a Data API attribute. */
    public static final String MANAGED_ENDPOINT = "managed_endpoint";

    public boolean available() {
        return error == null;
    }
}
