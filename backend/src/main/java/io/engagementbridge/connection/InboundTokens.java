package io.engagementbridge.connection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random identifiers and secrets a connection is born with. The inbound token is shown once and
 * stored as its SHA-256 only: with 256 random bits a fast hash is enough, and lookups stay indexed.
 */
public final class InboundTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "ebt_";

    private InboundTokens() {
    }

    public static String newToken() {
        return PREFIX + random(32);
    }

    public static String newConnectionId() {
        return "c_" + HexFormat.of().formatHex(bytes(8));
    }

    public static String newSigningSecret() {
        return random(32);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String random(int length) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(length));
    }

    private static byte[] bytes(int length) {
        var bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
