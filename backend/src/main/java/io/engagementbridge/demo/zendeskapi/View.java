package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A view: {@code conditions} as in triggers, {@code execution} its columns, grouping and sorting as given. */
public record View(long id, String title, boolean active, long position, JsonNode conditions, JsonNode execution,
                   Instant createdAt, Instant updatedAt) {
}
