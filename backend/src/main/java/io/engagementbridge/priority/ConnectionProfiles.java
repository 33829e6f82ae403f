package io.engagementbridge.priority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionSecrets;
import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.profile.CustomerResolver;
import io.engagementbridge.profile.ProfileRequest;
import io.engagementbridge.profile.Requester;
import io.engagementbridge.settings.InvalidSettingsException;
import io.engagementbridge.settings.SettingProblem;
import io.engagementbridge.settings.SettingsParser;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Looks up a connection's customers in Engagement the way its sidebar does, through the same profile
 * cache: the installation's sidebar settings (fields and their roles, ID names; no secrets) kept on the
 * connection under {@value #SETTING}, with the connection's own Engagement project and key pair. Same key
 * pair and question → same cache partition, so a webhook's lookup and an agent's open share one call.
 */
public final class ConnectionProfiles {
    /** The connection setting holding the installation's sidebar settings (recorded when an agent opens the app, or set by the operator). */
    public static final String SETTING = "profile_settings";
    /** Settings that hold secrets: never recorded on a connection. */
    static final Set<String> SECRET_SETTINGS = Set.of("engagement_api_key_id", "engagement_api_key_secret", "shared_secret");

    private final SettingsParser parser;
    private final CustomerResolver resolver;

    public ConnectionProfiles(SettingsParser parser, CustomerResolver resolver) {
        this.parser = parser;
        this.resolver = resolver;
    }

    /** The installation settings as kept on a connection: secrets left out. */
    public static ObjectNode recordable(JsonNode installationSettings) {
        var copy = installationSettings.isObject() ? ((ObjectNode) installationSettings).deepCopy() : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        SECRET_SETTINGS.forEach(copy::remove);
        return copy;
    }

    /** What to ask Engagement, or the problem that stops it (no settings recorded yet, or settings that no longer parse). */
    public Lookup request(Connection connection, ConnectionSecrets secrets) {
        var recorded = connection.settings().path(SETTING);
        if (!recorded.isObject()) {
            return new Lookup(Optional.empty(), "the connection has no profile settings yet: an agent opening the app in a ticket records "
                    + "them, or the operator sets \"" + SETTING + "\" in the connection's settings");
        }
        var settings = ((ObjectNode) recorded).deepCopy();
        settings.put("engagement_api_base_url", connection.engagementBaseUrl());
        settings.put("engagement_project_token", connection.engagementProjectToken());
        try {
            return new Lookup(Optional.of(ProfileRequest.of(parser.parse(settings),
                    new Credentials(secrets.engagementKeyId(), secrets.engagementKeySecret()))), null);
        } catch (InvalidSettingsException e) {
            return new Lookup(Optional.empty(), "the connection's profile settings are invalid: "
                    + e.problems().stream().map(SettingProblem::message).collect(Collectors.joining(" ")));
        }
    }

    public CompletableFuture<CustomerResolver.Resolution> resolve(ProfileRequest request, Requester requester) {
        return resolver.resolve(request, requester, false);
    }

    /** A request to make, or why none can be made. */
    public record Lookup(Optional<ProfileRequest> request, String problem) {
    }
}
