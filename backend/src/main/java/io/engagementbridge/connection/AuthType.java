package io.engagementbridge.connection;

import java.util.Arrays;
import java.util.Optional;

/** How the bridge authenticates to Zendesk for one connection. */
public enum AuthType {
    /** An OAuth client of the account's own, re-granted with client credentials when its token expires. */
    OAUTH_CLIENT_CREDENTIALS("oauth_client_credentials"),
    /** An admin approved our OAuth client in the app; access tokens are refreshed, refresh tokens rotate. */
    OAUTH_AUTHORIZATION_CODE("oauth_authorization_code"),
    /** A Zendesk API token (Zendesk deactivates them all on 2027-04-30). */
    API_TOKEN("api_token");

    private final String wire;

    AuthType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<AuthType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
    }
}
