package io.engagementbridge.connection;

import io.engagementbridge.zendesk.ZendeskAccount;
import io.engagementbridge.zendesk.ZendeskAuth;
import okhttp3.HttpUrl;

import java.time.Instant;

/** A stored connection as the Zendesk client sees it: its account URL and how to authenticate. */
public final class ZendeskAccounts {
    private ZendeskAccounts() {
    }

    public static ZendeskAccount of(Connection connection, ConnectionSecrets secrets) {
        return new ZendeskAccount(connection.id(), HttpUrl.get(connection.zendeskUrl()), auth(connection.authType(), secrets.zendesk()));
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
