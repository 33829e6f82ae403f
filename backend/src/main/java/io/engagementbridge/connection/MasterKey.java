package io.engagementbridge.connection;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.engagementbridge.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * {@code BRIDGE_MASTER_KEY}: a Tink AES-256-GCM keyset, base64 of its JSON. Rotation adds a new
 * primary key and keeps the old ones, so secrets written under an older key still open.
 */
public final class MasterKey {
    public static final String VARIABLE = "BRIDGE_MASTER_KEY";

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AEAD primitives cannot be registered", e);
        }
    }

    private MasterKey() {
    }

    /** A fresh keyset with one AES-256-GCM key, as the value for BRIDGE_MASTER_KEY. */
    public static String generate() {
        try {
            return encode(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A key could not be generated", e);
        }
    }

    /** {@code current} with a new primary key added; secrets sealed under the old keys still open. */
    public static String rotate(String current) {
        try {
            var rotated = KeysetHandle.newBuilder(parse(current))
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                    .build();
            return encode(rotated);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The key could not be rotated", e);
        }
    }

    /** The AEAD for a configured value; a clear configuration error when it is malformed. */
    public static SecretBox open(String value) {
        try {
            return new SecretBox(parse(value).getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new ConfigException(VARIABLE + " is not a key this backend can use; create one with `java -jar engagement-bridge.jar keys new`");
        }
    }

    private static KeysetHandle parse(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(VARIABLE + " is not set; create one with `java -jar engagement-bridge.jar keys new`");
        }
        try {
            var json = new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.UTF_8);
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new ConfigException(VARIABLE + " is not a key this backend can use; create one with `java -jar engagement-bridge.jar keys new`");
        }
    }

    private static String encode(KeysetHandle handle) throws GeneralSecurityException {
        var json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
