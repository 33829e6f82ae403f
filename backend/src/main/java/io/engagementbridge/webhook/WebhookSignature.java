package io.engagementbridge.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Zendesk's webhook signature: base64 of HMAC-SHA256 over the signature timestamp followed by the
 * raw body, keyed with the webhook's signing secret. Compared in constant time; timestamps more
 * than five minutes from now are refused so a captured delivery cannot be replayed later.
 */
public final class WebhookSignature {
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final Clock clock;

    public WebhookSignature(Clock clock) {
        this.clock = clock;
    }

    /** Why the delivery is not authentic, or empty when it is. */
    public Optional<String> rejection(String secret, String signature, String timestamp, byte[] body) {
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            return Optional.of("the delivery carries no X-Zendesk-Webhook-Signature or -Timestamp header");
        }
        Instant sent;
        try {
            sent = Instant.parse(timestamp.trim());
        } catch (DateTimeParseException e) {
            return Optional.of("the signature timestamp is not an ISO-8601 time");
        }
        if (Duration.between(sent, clock.instant()).abs().compareTo(WINDOW) > 0) {
            return Optional.of("the signature timestamp is more than 5 minutes away from now (a replay, or a clock out of sync)");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return Optional.of("the signature is not base64");
        }
        return MessageDigest.isEqual(sign(secret, timestamp.trim(), body), given) ? Optional.empty()
                : Optional.of("the signature does not match this connection's signing secret");
    }

    public static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    public static String signBase64(String secret, String timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(sign(secret, timestamp, body));
    }
}
