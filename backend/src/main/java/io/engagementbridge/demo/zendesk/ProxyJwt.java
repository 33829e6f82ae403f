package io.engagementbridge.demo.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;

/**
 * The proxy's side of client.request({jwt: …}): an HS256 token signed with the secret_key option
 * (a {{setting.…}} placeholder filled within the jwt_secret_key scope), with iat and exp added.
 */
final class ProxyJwt {
    private final ObjectMapper mapper;
    private final Clock clock;

    ProxyJwt(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Fills placeholders (scope, secure) in the options, then signs. */
    interface Substitution {
        String apply(String text, String scope, boolean secure);
    }

    String sign(JsonNode options, Substitution substitution) {
        var secret = substitution.apply(options.path("secret_key").asText(""), "jwt_secret_key", true);
        var claims = mapper.createObjectNode();
        options.path("claims").fields().forEachRemaining(c ->
                claims.put(c.getKey(), substitution.apply(c.getValue().asText(), "jwt_claim", true)));
        var now = clock.instant().getEpochSecond();
        claims.put("iat", now);
        claims.put("exp", now + options.path("expiry").asLong(300));
        var encoder = Base64.getUrlEncoder().withoutPadding();
        var signingInput = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + encoder.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + encoder.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
