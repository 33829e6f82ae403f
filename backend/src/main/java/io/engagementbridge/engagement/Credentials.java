package io.engagementbridge.engagement;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A private API key pair. Never printed: {@link #toString()} masks both parts. */
public record Credentials(String keyId, String secret) {

    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((keyId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[keyId=***, secret=***]";
    }
}
