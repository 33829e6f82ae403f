package io.engagementbridge.profile;

import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.settings.InstallationSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * What to fetch and with which credentials, plus the partition it is cached under: a SHA-256 of the
 * key pair, project, source and field list. Two callers share cache entries only if they hold the
 * same secret and ask the same question.
 */
public record ProfileRequest(InstallationSettings settings, Credentials credentials, String partition) {

    public static ProfileRequest of(InstallationSettings settings, Credentials credentials) {
        // Roles are part of a Managed Endpoint profile's rows, so changing them must not reuse cached rows.
        var source = settings.managedEndpointUrl() != null ? settings.managedEndpointUrl() + "|" + new TreeMap<>(settings.managedEndpointRoles())
                : settings.baseUrl() + "|" + settings.fields().stream().map(f -> f.attribute().toString()).toList();
        return new ProfileRequest(settings, credentials, sha256(
                credentials.keyId(), credentials.secret(), settings.projectToken(), settings.source().name(), source,
                String.join(",", settings.eventTypes())));
    }

    @Override
    public String toString() {
        return "ProfileRequest[partition=" + partition + "]";
    }

    private static String sha256(String... parts) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var part : parts) {
                var bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
