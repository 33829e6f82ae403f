package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.connection.Connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection's streaming-API options, from {@code settings.cdp}: traits every identify must carry
 * ({@code required_traits}, e.g. {@code ["email","lastName"]}), whether new users skip Zendesk's
 * verification e-mail or are marked verified, how many days message and import outcomes are kept (0: the
 * operator's default), and whether a
 * trait with no user field creates one ({@code create_missing_fields}; off by default, since a CDP
 * sending a typo would otherwise litter the account with fields).
 */
public record CdpSettings(List<String> requiredTraits, boolean skipVerifyEmail, boolean verified, int retentionDays, boolean createMissingFields) {

    public static CdpSettings of(Connection connection) {
        var node = connection.settings().path("cdp");
        var required = new ArrayList<String>();
        node.path("required_traits").forEach(trait -> required.add(trait.asText()));
        return new CdpSettings(List.copyOf(required), node.path("skip_verify_email").asBoolean(false), node.path("verified").asBoolean(false),
                Math.max(0, node.path("retention_days").asInt(0)), node.path("create_missing_fields").asBoolean(false));
    }

    /** How long outcomes are kept: this connection's retention_days, else {@code operatorDays}. */
    public Duration retention(int operatorDays) {
        return Duration.ofDays(retentionDays > 0 ? retentionDays : operatorDays);
    }

    /** The first required trait {@code traits} lacks (null, blank or absent), if any. */
    String missingTrait(JsonNode traits) {
        for (var trait : requiredTraits) {
            var value = traits.path(trait);
            if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                return trait;
            }
        }
        return null;
    }
}
