package io.engagementbridge.access;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import io.engagementbridge.config.CallerPolicy;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.List;

/**
 * Verifies the HS256 token Zendesk's proxy signs for each sidebar request (client.request's jwt
 * option, keyed by the installation's shared_secret): signature against any configured secret
 * (several allow rotation), exp and iat present and within a minute's skew, audience = this backend.
 */
public final class ZendeskJwt {
    private static final long LEEWAY_SECONDS = 60;

    private final List<JWTVerifier> verifiers;

    public ZendeskJwt(CallerPolicy policy, Clock clock) {
        this.verifiers = policy.jwtSecrets().stream().map(secret -> ((JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(secret))
                        .withAudience(policy.publicUrl())
                        .withClaimPresence("exp")
                        .withClaimPresence("iat")
                        .acceptLeeway(LEEWAY_SECONDS))
                .build(clock)).toList();
    }

    public boolean enabled() {
        return !verifiers.isEmpty();
    }

    /** Before-handler: throws 401 unless the request carries a valid token. */
    public void check(Context ctx) {
        if (!enabled()) {
            return;
        }
        var header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.contains("{{")) {
            throw CallerRejectedException.unauthenticated("the request carries no token signed by Zendesk");
        }
        var token = header.substring("Bearer ".length()).trim();
        JWTVerificationException last = null;
        for (var verifier : verifiers) {
            try {
                verifier.verify(token);
                return;
            } catch (SignatureVerificationException e) {
                last = e;
            } catch (TokenExpiredException e) {
                throw CallerRejectedException.unauthenticated("the token has expired");
            } catch (IncorrectClaimException | MissingClaimException e) {
                throw CallerRejectedException.unauthenticated("the token is not meant for this backend or lacks exp/iat");
            } catch (JWTVerificationException e) {
                throw CallerRejectedException.unauthenticated("the token is malformed");
            }
        }
        throw CallerRejectedException.unauthenticated(last == null ? "the token could not be verified"
                : "the token's signature matches no configured shared secret");
    }
}
