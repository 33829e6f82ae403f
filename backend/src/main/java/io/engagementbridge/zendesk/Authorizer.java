package io.engagementbridge.zendesk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.zendesk.ZendeskFailure.Unauthorized;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The {@code Authorization} header for one connection, renewing OAuth tokens when they expire or are
 * rejected. Renewal holds a lock, so concurrent callers on one connection cause one refresh; the rotated
 * pair reaches the {@link TokenVault} before it is used.
 */
abstract sealed class Authorizer {
    /** Refresh this long before expiry, so a token never expires in flight. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

    /** The header value to send now; renews first when the token has expired. */
    abstract String header();

    /** After a 401 for {@code rejected}: renew unless another caller already did. False when these credentials cannot be renewed. */
    abstract boolean renew(String rejected);

    /** What to tell the admin when Zendesk still answers 401. */
    abstract String unauthorizedHint();

    static Authorizer of(ZendeskAccount account, TokenVault vault, Clock clock, Function<ObjectNode, Tokens> tokenEndpoint) {
        if (account.auth() instanceof ZendeskAuth.OAuth oauth) {
            return new Refreshing(account.connectionId(), oauth, vault, clock, tokenEndpoint);
        }
        if (account.auth() instanceof ZendeskAuth.ClientCredentials credentials) {
            return new Granting(credentials, clock, tokenEndpoint);
        }
        return new Basic((ZendeskAuth.ApiToken) account.auth());
    }

    private static ZendeskException unauthorized(String hint) {
        return new ZendeskException(new Unauthorized(hint));
    }

    static final class Basic extends Authorizer {
        private final String header;

        Basic(ZendeskAuth.ApiToken token) {
            var pair = token.email() + "/token:" + token.token();
            this.header = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        String header() {
            return header;
        }

        @Override
        boolean renew(String rejected) {
            return false;
        }

        @Override
        String unauthorizedHint() {
            return "Zendesk rejected the API token (revoked, deactivated after 30 days unused, or the e-mail is wrong); API tokens end on"
                    + " 2027-04-30: reconnect with OAuth.";
        }
    }

    /** Bearer tokens that expire: renewed under a lock, so concurrent callers on one connection cause one renewal. */
    abstract static sealed class Renewing extends Authorizer {
        private final Clock clock;
        private final ReentrantLock lock = new ReentrantLock();
        private Tokens tokens;

        Renewing(Clock clock) {
            this.clock = clock;
        }

        /** The tokens to start from, or null to renew at once. */
        abstract Tokens initial();

        /** New tokens replacing {@code current} (null before the first). */
        abstract Tokens renewed(Tokens current);

        @Override
        final String header() {
            lock.lock();
            try {
                if (tokens == null) {
                    tokens = initial();
                }
                if (tokens == null || tokens.expiresWithin(EXPIRY_MARGIN, clock.instant())) {
                    tokens = renewed(tokens);
                }
                return "Bearer " + tokens.accessToken();
            } finally {
                lock.unlock();
            }
        }

        @Override
        final boolean renew(String rejected) {
            lock.lock();
            try {
                if (tokens == null || rejected.equals("Bearer " + tokens.accessToken())) {
                    tokens = renewed(tokens);
                }
                return true;
            } finally {
                lock.unlock();
            }
        }

        final boolean expiring(Tokens candidate) {
            return candidate.expiresWithin(EXPIRY_MARGIN, clock.instant());
        }
    }

    /** Authorization-code OAuth: refresh tokens rotate, so every refresh is stored through the vault before it is used. */
    static final class Refreshing extends Renewing {
        private final String connectionId;
        private final ZendeskAuth.OAuth auth;
        private final TokenVault vault;
        private final Function<ObjectNode, Tokens> tokenEndpoint;

        Refreshing(String connectionId, ZendeskAuth.OAuth auth, TokenVault vault, Clock clock, Function<ObjectNode, Tokens> tokenEndpoint) {
            super(clock);
            this.connectionId = connectionId;
            this.auth = auth;
            this.vault = vault;
            this.tokenEndpoint = tokenEndpoint;
        }

        @Override
        Tokens initial() {
            return vault.current(connectionId).orElse(auth.tokens());
        }

        /** Another replica may have rotated already: its pair, when newer and valid, is used instead of refreshing again. */
        @Override
        Tokens renewed(Tokens current) {
            var latest = vault.current(connectionId).orElse(current);
            if (!latest.accessToken().equals(current.accessToken()) && !expiring(latest)) {
                return latest;
            }
            if (latest.refreshToken() == null || latest.refreshToken().isBlank()) {
                throw unauthorized("The Zendesk access token expired and there is no refresh token: reconnect Zendesk in the admin view.");
            }
            var granted = tokenEndpoint.apply(JsonNodeFactory.instance.objectNode()
                    .put("grant_type", "refresh_token")
                    .put("refresh_token", latest.refreshToken())
                    .put("client_id", auth.clientId())
                    .put("client_secret", auth.clientSecret()));
            var fresh = new Tokens(granted.accessToken(), granted.refreshToken() == null ? latest.refreshToken() : granted.refreshToken(),
                    granted.expiresAt());
            vault.rotated(connectionId, latest, fresh);
            return fresh;
        }

        @Override
        String unauthorizedHint() {
            return "Zendesk rejected the OAuth tokens even after a refresh (revoked, or the refresh token expired after 30 days unused):"
                    + " reconnect Zendesk in the admin view.";
        }
    }

    /** Client-credentials OAuth: a new access token is simply granted again. */
    static final class Granting extends Renewing {
        private final ZendeskAuth.ClientCredentials credentials;
        private final Function<ObjectNode, Tokens> tokenEndpoint;

        Granting(ZendeskAuth.ClientCredentials credentials, Clock clock, Function<ObjectNode, Tokens> tokenEndpoint) {
            super(clock);
            this.credentials = credentials;
            this.tokenEndpoint = tokenEndpoint;
        }

        @Override
        Tokens initial() {
            return null;
        }

        @Override
        Tokens renewed(Tokens current) {
            return tokenEndpoint.apply(JsonNodeFactory.instance.objectNode()
                    .put("grant_type", "client_credentials")
                    .put("client_id", credentials.clientId())
                    .put("client_secret", credentials.clientSecret())
                    .put("scope", "read write"));
        }

        @Override
        String unauthorizedHint() {
            return "Zendesk rejected the OAuth client credentials (client deleted, secret rotated, or not a confidential client):"
                    + " update the connection's client id and secret.";
        }
    }
}
