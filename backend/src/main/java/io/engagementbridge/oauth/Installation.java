package io.engagementbridge.oauth;

import io.engagementbridge.access.ZendeskJwt;
import io.engagementbridge.connection.InboundTokens;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One app installation as the ZAF JWT proves it: the shared secret that signed the token (by
 * fingerprint) and the Zendesk subdomain the iframe put into the {@code iss} claim. The iframe is
 * editable, so {@code iss} alone proves little; tying the key to the verifying secret keeps one
 * installation from reaching another's connection, and only a Zendesk admin's approval of our
 * OAuth client on that subdomain ever yields tokens for it.
 */
public record Installation(String key, String subdomain) {
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public static Optional<Installation> of(ZendeskJwt.Verified token) {
        return token.claim("iss").map(iss -> iss.trim().toLowerCase(Locale.ROOT)).filter(iss -> SUBDOMAIN.matcher(iss).matches())
                .map(subdomain -> new Installation(InboundTokens.hash("installation\0" + token.secretFingerprint() + "\0" + subdomain), subdomain));
    }
}
