package io.engagementbridge.connection;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a connection keeps encrypted: Zendesk credentials, the Engagement key pair, the webhook signing secret and, for a
 * connection that relays to Braze, the Braze REST API key.
 */
public record ConnectionSecrets(
        @JsonProperty("zendesk") ZendeskSecrets zendesk,
        @JsonProperty("engagement_key_id") String engagementKeyId,
        @JsonProperty("engagement_key_secret") String engagementKeySecret,
        @JsonProperty("webhook_signing_secret") String webhookSigningSecret,
        @JsonProperty("braze_api_key") String brazeApiKey) {

    public ConnectionSecrets(ZendeskSecrets zendesk, String engagementKeyId, String engagementKeySecret, String webhookSigningSecret) {
        this(zendesk, engagementKeyId, engagementKeySecret, webhookSigningSecret, null);
    }

    public ConnectionSecrets withZendesk(ZendeskSecrets fresh) {
        return new ConnectionSecrets(fresh, engagementKeyId, engagementKeySecret, webhookSigningSecret, brazeApiKey);
    }

    public ConnectionSecrets withWebhookSigningSecret(String secret) {
        return new ConnectionSecrets(zendesk, engagementKeyId, engagementKeySecret, secret, brazeApiKey);
    }

    @Override
    public String toString() {
        return "ConnectionSecrets[***]";
    }
}
