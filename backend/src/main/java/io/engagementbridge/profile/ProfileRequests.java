package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.settings.SettingsParser;

/**
 * Parsed settings and partition per installation and key pair, remembered. Every sidebar open of an
 * installation sends the same settings: parsing and hashing them again was most of a cache hit's
 * work, and each cached key kept its own copy of them alive.
 */
public final class ProfileRequests {
    static final int INSTALLATIONS = 1_000;

    private record Raw(JsonNode settings, Credentials credentials) {
    }

    private final SettingsParser parser;
    private final Cache<Raw, ProfileRequest> parsed = Caffeine.newBuilder().maximumSize(INSTALLATIONS).build();

    public ProfileRequests(SettingsParser parser) {
        this.parser = parser;
    }

    /** Throws {@link io.engagementbridge.settings.InvalidSettingsException} for unusable settings; those are not remembered. */
    public ProfileRequest get(JsonNode settings, Credentials credentials) {
        return parsed.get(new Raw(settings, credentials), raw -> ProfileRequest.of(parser.parse(raw.settings()), raw.credentials()));
    }
}
