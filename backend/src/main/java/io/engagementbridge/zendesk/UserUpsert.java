package io.engagementbridge.zendesk;

import com.fasterxml.jackson.databind.JsonNode;

/** The answer of {@code users/create_or_update}: the user as stored, and whether it was created (201) rather than updated (200). */
public record UserUpsert(boolean created, JsonNode user) {

    public long id() {
        return user.path("id").asLong();
    }
}
