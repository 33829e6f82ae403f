package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionSecrets;
import io.engagementbridge.relay.BrazeTracking.FailureKind;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Braze as a relay target: frozen {@code support_ticket} events, 75 a request to {@code /users/track}, each event's
 * error (Braze lists refused events by index) read. Braze has no deduplication, so an event it refused is never sent
 * again unchanged: it is dead-lettered with Braze's reason.
 */
final class BrazeTarget implements RelayTarget {
    static final String KIND = "relay_send_braze";

    private final BrazeTracking braze;

    BrazeTarget(BrazeTracking braze) {
        this.braze = braze;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int maxBatch() {
        return BrazeTracking.MAX_EVENTS;
    }

    @Override
    public Delivery deliver(Connection connection, ConnectionSecrets secrets, List<JsonNode> events) {
        var endpoint = RelaySettings.brazeEndpoint(connection);
        if (endpoint.isEmpty() || secrets.brazeApiKey() == null || secrets.brazeApiKey().isBlank()) {
            return new RelayTarget.Failed("no_credentials", "the connection relays to Braze but has no Braze REST endpoint or API key: "
                    + "add them (braze.rest_endpoint and braze.api_key in connection.json)", false, false, Optional.empty());
        }
        var reply = braze.track(endpoint.get(), secrets.brazeApiKey(), events);
        if (reply instanceof BrazeTracking.Failed failed) {
            var kind = failed.kind();
            return new RelayTarget.Failed(kind.name().toLowerCase(Locale.ROOT), failed.reason(), kind == FailureKind.RATE_LIMITED,
                    kind != FailureKind.REFUSED && kind != FailureKind.NOT_ALLOWED, failed.retryAfter());
        }
        var refused = ((BrazeTracking.Tracked) reply).refused();
        return new RelayTarget.Answered(IntStream.range(0, events.size())
                .mapToObj(i -> refused.containsKey(i) ? EventResult.invalid("Braze refused the event: " + refused.get(i)) : EventResult.ACCEPTED)
                .toList());
    }
}
