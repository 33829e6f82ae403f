package io.engagementbridge.oauth;

/** What Zendesk's /oauth/tokens granted; {@code expiresInSeconds} is 0 for a token that does not expire. */
record TokenGrant(String accessToken, String refreshToken, long expiresInSeconds, String scope) {
    @Override
    public String toString() {
        return "TokenGrant[***, expiresIn=" + expiresInSeconds + ", scope=" + scope + "]";
    }
}
