package io.engagementbridge.config;

import java.util.Arrays;
import java.util.List;

/**
 * Who may call the sidebar endpoint: when shared secrets are configured, only requests carrying a
 * JWT that Zendesk's proxy signed with one of them for this backend's public URL; and how often
 * one key pair may call per minute.
 */
public record CallerPolicy(List<String> jwtSecrets, String publicUrl, int ratePerMinute) {

    public static final CallerPolicy OPEN = new CallerPolicy(List.of(), null, 3000);

    public CallerPolicy {
        jwtSecrets = List.copyOf(jwtSecrets);
        if (!jwtSecrets.isEmpty() && (publicUrl == null || !publicUrl.matches("https?://[^/?#]+/?"))) {
            throw new ConfigException("BRIDGE_PUBLIC_URL must be this backend's origin as Zendesk calls it (e.g. https://bridge.example.com) when BRIDGE_JWT_SECRETS is set");
        }
        if (jwtSecrets.stream().anyMatch(s -> s.length() < 16)) {
            throw new ConfigException("each BRIDGE_JWT_SECRETS entry must be at least 16 characters");
        }
        if (ratePerMinute < 1) {
            throw new ConfigException("BRIDGE_RATE_LIMIT_PER_MINUTE must be at least 1, was " + ratePerMinute);
        }
        publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/$", "").toLowerCase(java.util.Locale.ROOT);
    }

    static CallerPolicy fromEnv(String secrets, String publicUrl, int ratePerMinute) {
        var list = secrets == null ? List.<String>of()
                : Arrays.stream(secrets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new CallerPolicy(list, publicUrl == null || publicUrl.isBlank() ? null : publicUrl.trim(), ratePerMinute);
    }

    public boolean requiresJwt() {
        return !jwtSecrets.isEmpty();
    }

    @Override
    public String toString() {
        return "CallerPolicy[jwtSecrets=" + jwtSecrets.size() + " configured, publicUrl=" + publicUrl + ", ratePerMinute=" + ratePerMinute + "]";
    }
}
