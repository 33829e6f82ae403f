package io.engagementbridge.priority;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.engagementbridge.connection.Connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Requesters Engagement said it does not know, per connection, so their next tickets are not looked up
 * again for a while: the connection's {@value #SETTING} (ISO-8601, default {@link #DEFAULT_TTL}).
 * Kept in memory: a restart costs at most one more lookup per unknown requester.
 */
public final class UnknownCustomers {
    public static final String SETTING = "unknown_customer_ttl";
    static final Duration DEFAULT_TTL = Duration.ofHours(24);

    private final Clock clock;
    private final Cache<String, Instant> until = Caffeine.newBuilder().maximumSize(200_000).build();

    public UnknownCustomers(Clock clock) {
        this.clock = clock;
    }

    public boolean remembered(Connection connection, String identifier) {
        var expiry = until.getIfPresent(key(connection, identifier));
        return expiry != null && expiry.isAfter(clock.instant());
    }

    public void remember(Connection connection, String identifier) {
        until.put(key(connection, identifier), clock.instant().plus(ttl(connection)));
    }

    static Duration ttl(Connection connection) {
        var raw = connection.settings().path(SETTING).asText("");
        try {
            return raw.isBlank() ? DEFAULT_TTL : Duration.parse(raw.trim());
        } catch (DateTimeParseException e) {
            return DEFAULT_TTL;
        }
    }

    private static String key(Connection connection, String identifier) {
        return connection.id() + "\u0000" + identifier.toLowerCase(Locale.ROOT);
    }
}
