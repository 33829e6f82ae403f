package io.engagementbridge.zendesk;

import java.time.Duration;
import java.time.Instant;

/** An OAuth access token and the refresh token that replaces it; {@code expiresAt} null when the token does not expire. */
public record Tokens(String accessToken, String refreshToken, Instant expiresAt) {

    /** Whether the access token is expired, or will be within {@code margin} of {@code now}. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Tokens[expiresAt=" + expiresAt + ", secrets=***]";
    }
}
