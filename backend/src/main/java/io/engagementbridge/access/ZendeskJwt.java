package io.engagementbridge.access;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.engagementbridge.config.CallerPolicy;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the HS256 token Zendesk's proxy signs for each sidebar request (client.request's jwt
 * option, keyed by the installation's shared_secret): signature against any configured secret
 * (several allow rotation), exp and iat present and within a minute's skew, audience = this backend.
 */
public final class ZendeskJwt {
    private static final long LEEWAY_SECONDS = 60;
    /** Where {@link #check} leaves the verified token for the request's handler. */
    private static final String VERIFIED = ZendeskJwt.class.getName() + ".verified";

    private final List<Verifier> verifiers;

    private record Verifier(JWTVerifier verifier, String secretFingerprint) {
    }

    /**
     * A token that passed every check: its claims, and which configured secret signed it (as a
     * fingerprint, so callers can tell installations with different shared secrets apart).
     */
    public record Verified(String secretFingerprint, DecodedJWT token) {
        public Optional<String> claim(String name) {
            return Optional.ofNullable(token.getClaim(name).asString());
        }

        @Override
        public String toString() {
            return "Verified[" + secretFingerprint + "]";
        }
    }

    /** What checking one Authorization header gave: the verified token, or why it was refused. */
    public record Outcome(Verified verified, String refusal) {
        public boolean accepted() {
            return verified != null;
        }
    }

    public ZendeskJwt(CallerPolicy policy, Clock clock) {
        this.verifiers = policy.jwtSecrets().stream().map(secret -> new Verifier(
                ((JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(secret))
                        .withAudience(policy.publicUrl())
                        .withClaimPresence("exp")
                        .withClaimPresence("iat")
                        .acceptLeeway(LEEWAY_SECONDS))
                        .build(clock), fingerprint(secret))).toList();
    }

    public boolean enabled() {
        return !verifiers.isEmpty();
    }

    /** Before-handler: throws 401 unless the request carries a valid token, which it then keeps for {@link #verified}. */
    public void check(Context ctx) {
        if (!enabled()) {
            return;
        }
        var outcome = verify(ctx.header("Authorization"));
        if (!outcome.accepted()) {
            throw CallerRejectedException.unauthenticated(outcome.refusal());
        }
        ctx.attribute(VERIFIED, outcome.verified());
    }

    /** The token {@link #check} verified for this request; empty when the backend verifies none (no BRIDGE_JWT_SECRETS). */
    public static Optional<Verified> verified(Context ctx) {
        return Optional.ofNullable(ctx.attribute(VERIFIED));
    }

    /** Checks an Authorization header; with no secrets configured nothing can be verified, so every token is refused. */
    public Outcome verify(String header) {
        if (!enabled()) {
            return refused("the backend has no BRIDGE_JWT_SECRETS to verify Zendesk's token with");
        }
        if (header == null || !header.startsWith("Bearer ") || header.contains("{{")) {
            return refused("the request carries no token signed by Zendesk");
        }
        var token = header.substring("Bearer ".length()).trim();
        JWTVerificationException last = null;
        for (var verifier : verifiers) {
            try {
                return new Outcome(new Verified(verifier.secretFingerprint(), verifier.verifier().verify(token)), null);
            } catch (SignatureVerificationException e) {
                last = e;
            } catch (TokenExpiredException e) {
                return refused("the token has expired");
            } catch (IncorrectClaimException | MissingClaimException e) {
                return refused("the token is not meant for this backend or lacks exp/iat");
            } catch (JWTVerificationException e) {
                return refused("the token is malformed");
            }
        }
        return refused(last == null ? "the token could not be verified" : "the token's signature matches no configured shared secret");
    }

    private static Outcome refused(String reason) {
        return new Outcome(null, reason);
    }

    private static String fingerprint(String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(("zendesk-jwt-secret\0" + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
