package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.engagement.DataApi;
import io.engagementbridge.engagement.EngagementClient;
import io.engagementbridge.engagement.EngagementException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

/**
 * The last few events of the configured types, newest first, from the events export. A failure here
 * never fails the profile: it becomes an "unavailable" note under the other fields.
 */
final class InteractionsSource {
    static final int LIMIT = 5;

    private final EngagementClient client;
    private final ObjectMapper mapper;

    InteractionsSource(EngagementClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    CompletableFuture<Interactions> load(ProfileKey key) {
        var settings = key.request().settings();
        if (settings.eventTypes().isEmpty()) {
            return CompletableFuture.completedFuture(Interactions.NOT_REQUESTED);
        }
        var url = DataApi.customers(settings.baseUrl(), settings.projectToken(), "events");
        var body = DataApi.forCustomer(mapper, key.customerId().name(), key.customerId().value());
        var types = body.putArray("event_types");
        settings.eventTypes().forEach(types::add);
        body.put("order", "desc").put("limit", LIMIT);
        return client.post(url, key.request().credentials(), body)
                .thenApply(answer -> answer.map(InteractionsSource::parse).orElseGet(() -> Interactions.of(java.util.List.of())))
                .exceptionally(error -> Interactions.unavailable(reason(error)));
    }

    private static Interactions parse(JsonNode json) {
        var events = json.has("data") ? json.path("data") : json.path("events");
        var items = new ArrayList<Interaction>();
        for (var event : events) {
            if (items.size() == LIMIT) {
                break;
            }
            var seconds = event.path("timestamp").isNumber() ? event.path("timestamp").decimalValue() : BigDecimal.ZERO;
            var properties = event.path("properties") instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
            items.add(new Interaction(event.path("type").asText("event"),
                    Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue()), properties));
        }
        return Interactions.of(items);
    }

    private static String reason(Throwable error) {
        return EngagementException.in(error).map(e -> e.kind().name()).orElse("UNAVAILABLE");
    }
}
