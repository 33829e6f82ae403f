package io.engagementbridge.engagement;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a Retry-After header: delta-seconds or an HTTP date (clamped to 0..5 min); null when absent or unreadable. */
public final class RetryAfter {
    private static final Duration MAX = Duration.ofMinutes(5);

    private RetryAfter() {
    }

    public static Duration parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return clamp(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return clamp(Duration.between(clock.instant(), at));
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Duration clamp(Duration d) {
        return d.isNegative() ? Duration.ZERO : d.compareTo(MAX) > 0 ? MAX : d;
    }
}
