package io.engagementbridge.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a Connect Zendesk flow under way will become once the admin approves: the installation it
 * is for, its Zendesk origin, and the Engagement side taken from the installation's settings.
 * Stored sealed with the state, since it holds the Engagement key pair.
 */
record PendingConnection(
        @JsonProperty("installation_key") String installationKey,
        @JsonProperty("subdomain") String subdomain,
        @JsonProperty("zendesk_url") String zendeskUrl,
        @JsonProperty("name") String name,
        @JsonProperty("engagement_base_url") String engagementBaseUrl,
        @JsonProperty("engagement_project_token") String engagementProjectToken,
        @JsonProperty("engagement_key_id") String engagementKeyId,
        @JsonProperty("engagement_key_secret") String engagementKeySecret,
        @JsonProperty("locale") String locale) {

    @Override
    public String toString() {
        return "PendingConnection[" + subdomain + ", " + zendeskUrl + ", ***]";
    }
}
