package io.engagementbridge.connection;

import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.zendesk.ZendeskAccount;
import io.engagementbridge.zendesk.ZendeskAuth;
import okhttp3.HttpUrl;

import java.time.Instant;

/** A stored connection as the Zendesk client sees it: its account URL and how to authenticate. */
public final class ZendeskAccounts {
    private ZendeskAccounts() {
    }

    public static ZendeskAccount of(Connection connection, ConnectionSecrets secrets) {
        return of(connection, secrets, ZendeskOAuthConfig.NONE);
    }

    /** As above; a connection made in the app refreshes its tokens with the operator's OAuth client secret, which it does not keep. */
    public static ZendeskAccount of(Connection connection, ConnectionSecrets secrets, ZendeskOAuthConfig operatorClient) {
        var z = secrets.zendesk();
        if (connection.authType() == AuthType.OAUTH_AUTHORIZATION_CODE && z.clientSecret() == null && operatorClient.configured()) {
            z = new ZendeskSecrets(operatorClient.clientId(), operatorClient.clientSecret(), z.accessToken(), z.refreshToken(), z.expiresAt(),
                    z.email(), z.token());
        }
        return new ZendeskAccount(connection.id(), HttpUrl.get(connection.zendeskUrl()), auth(connection.authType(), z));
    }

    static ZendeskAuth auth(AuthType type, ZendeskSecrets z) {
        ZendeskAuth auth;
        switch (type) {
            case API_TOKEN -> auth = new ZendeskAuth.ApiToken(z.email(), z.token());
            case OAUTH_CLIENT_CREDENTIALS -> auth = new ZendeskAuth.ClientCredentials(z.clientId(), z.clientSecret());
            default -> auth = new ZendeskAuth.OAuth(z.accessToken(), z.refreshToken(),
                    z.expiresAt() == 0 ? null : Instant.ofEpochSecond(z.expiresAt()), z.clientId(), z.clientSecret());
        }
        return auth;
    }
}
