package io.engagementbridge.zendesk;

import com.fasterxml.jackson.databind.JsonNode;

/** The ticket Zendesk holds for an idempotency key, and whether this answer replayed an earlier create ({@code x-idempotency-lookup: hit}). */
public record TicketCreated(JsonNode ticket, boolean replayed) {

    public long id() {
        return ticket.path("id").asLong();
    }
}
