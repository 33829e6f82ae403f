package io.engagementbridge.engagement;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a Retry-After header: delta-seconds or an HTTP date (clamped, by default to 0..5 min); null when absent or unreadable. */
public final class RetryAfter {
    private static final Duration MAX = Duration.ofMinutes(5);

    private RetryAfter() {
    }

    public static Duration parse(String header, Clock clock) {
        return parse(header, clock, MAX);
    }

    /** The same, clamped to {@code max} instead of 5 minutes. */
    public static Duration parse(String header, Clock clock, Duration max) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return clamp(Duration.ofSeconds(Long.parseLong(header.trim())), max);
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return clamp(Duration.between(clock.instant(), at), max);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Duration clamp(Duration d, Duration max) {
        return d.isNegative() ? Duration.ZERO : d.compareTo(max) > 0 ? max : d;
    }
}
