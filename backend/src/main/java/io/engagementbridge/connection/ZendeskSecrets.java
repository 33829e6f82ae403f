package io.engagementbridge.connection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Every Zendesk credential a connection may hold; which are set depends on its {@link AuthType}.
 * {@code expiresAt} is epoch seconds of the access token's expiry (0 when unknown).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ZendeskSecrets(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("expires_at") long expiresAt,
        @JsonProperty("email") String email,
        @JsonProperty("token") String token) {

    public static ZendeskSecrets clientCredentials(String clientId, String clientSecret) {
        return new ZendeskSecrets(clientId, clientSecret, null, null, 0, null, null);
    }

    public static ZendeskSecrets apiToken(String email, String token) {
        return new ZendeskSecrets(null, null, null, null, 0, email, token);
    }

    public ZendeskSecrets withTokens(String access, String refresh, long expiresAtEpochSecond) {
        return new ZendeskSecrets(clientId, clientSecret, access, refresh, expiresAtEpochSecond, email, token);
    }

    @Override
    public String toString() {
        return "ZendeskSecrets[***]";
    }
}
