package io.engagementbridge.zendesk;

import java.time.Instant;

/** How the bridge proves itself to one Zendesk account. Secrets never appear in {@link #toString()}. */
public sealed interface ZendeskAuth {

    /**
     * OAuth authorization-code grant: a short-lived access token and a single-use refresh token. The
     * pair given here is the initial one; after the first rotation the {@link TokenVault} is authoritative.
     */
    record OAuth(String accessToken, String refreshToken, Instant expiresAt, String clientId, String clientSecret) implements ZendeskAuth {
        public Tokens tokens() {
            return new Tokens(accessToken, refreshToken, expiresAt);
        }

        @Override
        public String toString() {
            return "OAuth[clientId=" + clientId + ", expiresAt=" + expiresAt + ", secrets=***]";
        }
    }

    /** OAuth client-credentials grant of a confidential client: an access token is granted again whenever needed. */
    record ClientCredentials(String clientId, String clientSecret) implements ZendeskAuth {
        @Override
        public String toString() {
            return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /** Legacy API token (Basic {@code email/token:TOKEN}); Zendesk deactivates all of them on 2027-04-30. */
    record ApiToken(String email, String token) implements ZendeskAuth {
        @Override
        public String toString() {
            return "ApiToken[email=" + email + ", token=***]";
        }
    }
}
