package io.engagementbridge.connection;

import com.google.crypto.tink.Aead;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Seals secrets for the database with AES-GCM. The connection id is the associated data, so a
 * ciphertext copied onto another connection's row does not open.
 */
public final class SecretBox {
    private final Aead aead;

    SecretBox(Aead aead) {
        this.aead = aead;
    }

    /** A box with no key: any attempt to seal or open says how to configure one. */
    public static SecretBox withoutKey() {
        return new SecretBox(null);
    }

    private Aead aead() {
        if (aead == null) {
            throw new io.engagementbridge.config.ConfigException(MasterKey.VARIABLE
                    + " is not set, so connection secrets cannot be stored or read; create one with `java -jar engagement-bridge.jar keys new`");
        }
        return aead;
    }

    public byte[] seal(String plaintext, String connectionId) {
        try {
            return aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), connectionId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secrets could not be encrypted", e);
        }
    }

    public String open(byte[] ciphertext, String connectionId) {
        try {
            return new String(aead().decrypt(ciphertext, connectionId.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored secrets of connection " + connectionId
                    + " do not open with BRIDGE_MASTER_KEY: was the key replaced instead of rotated?");
        }
    }

    @Override
    public String toString() {
        return "SecretBox[***]";
    }
}
