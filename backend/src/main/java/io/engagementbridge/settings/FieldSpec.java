package io.engagementbridge.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One configured Data API attribute: the attribute object sent to Engagement (labels and roles
 * stripped) plus how the sidebar labels and formats its value.
 */
public record FieldSpec(ObjectNode attribute, String label, FieldRole role, String format) {

    public String type() {
        return attribute.path("type").asText();
    }

    /** The property name or definition id the attribute reads. */
    public String reference() {
        var property = attribute.path("property").asText("");
        return property.isEmpty() ? attribute.path("id").asText(attribute.path("category").asText("")) : property;
    }
}
