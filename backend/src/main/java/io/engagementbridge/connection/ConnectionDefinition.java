package io.engagementbridge.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.engagement.HostPolicy;
import okhttp3.HttpUrl;

import java.util.ArrayList;
import java.util.List;

/**
 * A new connection as an operator describes it in {@code connection.json}, validated: every
 * problem names its field and the fix, and nothing is stored unless all of them are fixed.
 */
public record ConnectionDefinition(String name, String zendeskUrl, AuthType authType, ZendeskSecrets zendesk,
                                   String engagementBaseUrl, String engagementProjectToken,
                                   String engagementKeyId, String engagementKeySecret, ObjectNode settings, String brazeApiKey) {
    /** Braze's REST endpoints, e.g. {@code https://rest.iad-01.braze.com} or {@code https://rest.fra-01.braze.eu}. */
    public static final List<String> BRAZE_HOSTS = List.of("*.braze.com", "*.braze.eu");
    /** The settings a {@code braze} section sets: ticket events go to Braze, at this REST endpoint. */
    public static final String RELAY_TARGET = "relay_target";
    public static final String BRAZE_REST_ENDPOINT = "braze_rest_endpoint";

    /** A connection that relays to Engagement. */
    public ConnectionDefinition(String name, String zendeskUrl, AuthType authType, ZendeskSecrets zendesk, String engagementBaseUrl,
                                String engagementProjectToken, String engagementKeyId, String engagementKeySecret, ObjectNode settings) {
        this(name, zendeskUrl, authType, zendesk, engagementBaseUrl, engagementProjectToken, engagementKeyId, engagementKeySecret, settings, null);
    }

    @Override
    public String toString() {
        return "ConnectionDefinition[" + name + ", " + zendeskUrl + ", " + authType.wire() + "]";
    }

    /** Reads and checks the operator's file; Zendesk URLs must pass {@code zendeskHosts}, Engagement URLs {@code engagementHosts}. */
    public static ConnectionDefinition parse(JsonNode root, HostPolicy zendeskHosts, HostPolicy engagementHosts) {
        var problems = new ArrayList<String>();
        if (root == null || !root.isObject()) {
            throw new InvalidConnectionException(List.of("the file must hold one JSON object with \"name\", \"zendesk\" and \"engagement\""));
        }
        var name = text(root, "name", "name", problems, "a name people will recognise, e.g. \"Acme production\"");
        var zendesk = root.path("zendesk");
        var url = url(zendesk, "zendesk.url", zendeskHosts, problems, "https://yoursubdomain.zendesk.com", "BRIDGE_ZENDESK_HOSTS");
        var auth = zendesk.path("auth");
        var typeName = auth.path("type").asText("");
        var type = AuthType.fromWire(typeName).filter(t -> t != AuthType.OAUTH_AUTHORIZATION_CODE);
        ZendeskSecrets secrets = null;
        if (type.isEmpty()) {
            problems.add("zendesk.auth.type must be \"oauth_client_credentials\" or \"api_token\""
                    + (typeName.isEmpty() ? " (it is missing)" : ", was \"" + typeName + "\""));
        } else if (type.get() == AuthType.OAUTH_CLIENT_CREDENTIALS) {
            secrets = ZendeskSecrets.clientCredentials(
                    text(auth, "client_id", "zendesk.auth.client_id", problems, "the OAuth client's identifier from Admin Center > Apps and integrations > APIs > OAuth clients"),
                    text(auth, "client_secret", "zendesk.auth.client_secret", problems, "the OAuth client's secret"));
        } else {
            secrets = ZendeskSecrets.apiToken(
                    text(auth, "email", "zendesk.auth.email", problems, "the e-mail of the agent the token belongs to"),
                    text(auth, "token", "zendesk.auth.token", problems, "an API token from Admin Center > Apps and integrations > APIs"));
        }
        var engagement = root.path("engagement");
        var engagementUrl = url(engagement, "engagement.base_url", engagementHosts, problems, "https://api.exponea.com", "BRIDGE_ALLOWED_HOSTS");
        var projectToken = text(engagement, "project_token", "engagement.project_token", problems, "the project token from Engagement > Project settings > Access management > API");
        var keyId = text(engagement, "key_id", "engagement.key_id", problems, "the API key ID of a private key group");
        var keySecret = text(engagement, "key_secret", "engagement.key_secret", problems, "that API key's secret");
        var settings = root.path("settings").isObject() ? ((ObjectNode) root.get("settings")).deepCopy() : JsonNodeFactory.instance.objectNode();
        if (root.has("settings") && !root.get("settings").isObject()) {
            problems.add("settings must be a JSON object, e.g. {\"plan_requests_per_minute\": 700}");
        }
        var plan = settings.get("plan_requests_per_minute");
        if (plan != null && (!plan.canConvertToInt() || !plan.isIntegralNumber() || plan.asInt() < 10 || plan.asInt() > 100_000)) {
            problems.add("settings.plan_requests_per_minute must be a whole number between 10 and 100000 (your Zendesk plan's API limit), was " + plan);
        }
        String brazeKey = null;
        if (root.has("braze")) {
            var braze = root.path("braze");
            var brazeHosts = new HostPolicy(BRAZE_HOSTS, engagementHosts.allowHttpLoopback());
            var endpoint = url(braze, "braze.rest_endpoint", brazeHosts, problems, "https://rest.iad-01.braze.com", "Braze host list (*.braze.com, *.braze.eu)");
            brazeKey = text(braze, "api_key", "braze.api_key", problems, "a Braze REST API key with the users.track permission");
            settings.put(RELAY_TARGET, "braze");
            settings.put(BRAZE_REST_ENDPOINT, endpoint);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConnectionException(problems);
        }
        return new ConnectionDefinition(name, url, type.get(), secrets, engagementUrl, projectToken, keyId, keySecret, settings, brazeKey);
    }

    private static String text(JsonNode parent, String field, String path, List<String> problems, String hint) {
        var node = parent.get(field);
        if (node == null || node.isNull()) {
            problems.add(path + " is missing: give " + hint);
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problems.add(path + " must be a non-empty string: give " + hint);
            return null;
        }
        if (node.asText().length() > 2000) {
            problems.add(path + " is longer than 2000 characters");
            return null;
        }
        return node.asText().trim();
    }

    private static String url(JsonNode parent, String path, HostPolicy hosts, List<String> problems, String example, String variable) {
        var raw = text(parent, path.substring(path.indexOf('.') + 1), path, problems, "a URL such as " + example);
        if (raw == null) {
            return null;
        }
        var url = HttpUrl.parse(raw);
        if (url == null) {
            problems.add(path + " is not a URL: give one such as " + example);
            return null;
        }
        var rejection = hosts.rejection(url);
        if (rejection.isPresent()) {
            problems.add(path + " " + rejection.get() + " (the backend's " + variable + " decides which hosts are allowed)");
            return null;
        }
        var origin = url.scheme() + "://" + url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
        return path.startsWith("zendesk") ? origin : raw.replaceAll("/+$", "");
    }
}
