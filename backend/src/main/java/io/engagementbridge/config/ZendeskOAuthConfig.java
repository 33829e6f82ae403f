package io.engagementbridge.config;

import okhttp3.HttpUrl;

import java.util.Map;

/**
 * The operator's Zendesk OAuth client, with which admins connect their account from the app
 * ({@code BRIDGE_ZENDESK_CLIENT_ID} / {@code BRIDGE_ZENDESK_CLIENT_SECRET}), and where an
 * account's Zendesk lives ({@code BRIDGE_ZENDESK_URL_TEMPLATE}; the demo points it at its simulator).
 */
public record ZendeskOAuthConfig(String clientId, String clientSecret, String zendeskUrlTemplate) {
    public static final String DEFAULT_URL_TEMPLATE = "https://{subdomain}.zendesk.com";
    public static final ZendeskOAuthConfig NONE = new ZendeskOAuthConfig(null, null, DEFAULT_URL_TEMPLATE);

    public ZendeskOAuthConfig {
        if ((clientId == null) != (clientSecret == null)) {
            throw new ConfigException((clientId == null ? "BRIDGE_ZENDESK_CLIENT_ID" : "BRIDGE_ZENDESK_CLIENT_SECRET")
                    + " is not set: set both BRIDGE_ZENDESK_CLIENT_ID and BRIDGE_ZENDESK_CLIENT_SECRET (your OAuth client in Zendesk), or neither");
        }
        var sample = HttpUrl.parse(zendeskUrlTemplate.replace("{subdomain}", "acme"));
        if (sample == null || sample.query() != null || sample.fragment() != null || !sample.encodedPath().equals("/")) {
            throw new ConfigException("BRIDGE_ZENDESK_URL_TEMPLATE must be an origin such as " + DEFAULT_URL_TEMPLATE + ", was '" + zendeskUrlTemplate + "'");
        }
    }

    public static ZendeskOAuthConfig fromEnv(Map<String, String> env) {
        var template = BridgeConfig.optional(env, "BRIDGE_ZENDESK_URL_TEMPLATE");
        return new ZendeskOAuthConfig(BridgeConfig.optional(env, "BRIDGE_ZENDESK_CLIENT_ID"), BridgeConfig.optional(env, "BRIDGE_ZENDESK_CLIENT_SECRET"),
                template == null ? DEFAULT_URL_TEMPLATE : template.replaceAll("/+$", ""));
    }

    /** Whether admins can connect from the app at all. */
    public boolean configured() {
        return clientId != null;
    }

    /** The Zendesk origin of one account; {@code subdomain} must already be checked to be a plain DNS label. */
    public HttpUrl zendeskUrl(String subdomain) {
        return HttpUrl.get(zendeskUrlTemplate.replace("{subdomain}", subdomain));
    }

    @Override
    public String toString() {
        return "ZendeskOAuthConfig[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "unset" : "***")
                + ", zendeskUrlTemplate=" + zendeskUrlTemplate + "]";
    }
}
