package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.engagementbridge.zendesk.ZendeskClient;
import io.engagementbridge.zendesk.ZendeskRequest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Each connection's Zendesk user and organization field definitions, read once a minute at most:
 * values are checked against them before every write, and admins add fields rarely.
 */
final class FieldCatalog {
    private static final Duration FRESH_FOR = Duration.ofMinutes(1);

    private final Cache<String, List<JsonNode>> cache;

    FieldCatalog(Clock clock) {
        cache = Caffeine.newBuilder().expireAfterWrite(FRESH_FOR).maximumSize(10_000)
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L).build();
    }

    List<JsonNode> userFields(String connectionId, ZendeskClient client) {
        return cache.get(connectionId + ":user", key -> client.listUserFields());
    }

    /** Reads the connection's fields afresh next time, e.g. after the bridge created one. */
    void forget(String connectionId) {
        cache.invalidate(connectionId + ":user");
        cache.invalidate(connectionId + ":organization");
    }

    List<JsonNode> organizationFields(String connectionId, ZendeskClient client) {
        return cache.get(connectionId + ":organization", key -> {
            var fields = new ArrayList<JsonNode>();
            client.send(ZendeskRequest.get("/api/v2/organization_fields")).body().path("organization_fields").forEach(fields::add);
            return List.copyOf(fields);
        });
    }
}
