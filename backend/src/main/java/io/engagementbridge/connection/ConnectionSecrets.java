package io.engagementbridge.connection;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a connection keeps encrypted: Zendesk credentials, the Engagement key pair, the webhook signing secret. */
public record ConnectionSecrets(
        @JsonProperty("zendesk") ZendeskSecrets zendesk,
        @JsonProperty("engagement_key_id") String engagementKeyId,
        @JsonProperty("engagement_key_secret") String engagementKeySecret,
        @JsonProperty("webhook_signing_secret") String webhookSigningSecret) {

    public ConnectionSecrets withZendesk(ZendeskSecrets fresh) {
        return new ConnectionSecrets(fresh, engagementKeyId, engagementKeySecret, webhookSigningSecret);
    }

    public ConnectionSecrets withWebhookSigningSecret(String secret) {
        return new ConnectionSecrets(zendesk, engagementKeyId, engagementKeySecret, secret);
    }

    @Override
    public String toString() {
        return "ConnectionSecrets[***]";
    }
}
