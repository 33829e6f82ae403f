package io.engagementbridge.sidebar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import okhttp3.HttpUrl;

import java.util.Optional;

/**
 * Only http(s) URLs survive; javascript:, data: and anything unparseable become null. Results are
 * remembered because the same product links come back on every render, and parsing them (IDN
 * mapping included) was a tenth of a cached sidebar's work.
 */
final class WebUrls {
    static final int REMEMBERED = 10_000;

    private final Cache<String, Optional<String>> sanitized = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    String sanitize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return sanitized.get(raw, WebUrls::parse).orElse(null);
    }

    private static Optional<String> parse(String raw) {
        return Optional.ofNullable(HttpUrl.parse(raw.trim())).map(HttpUrl::toString);
    }
}
