package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A ticket trigger: {@code conditions} is Zendesk's {@code {"all":[…],"any":[…]}} of
 * {@code {field, operator, value}}, {@code actions} its array of {@code {field, value}}.
 */
public record Trigger(long id, String title, boolean active, long position, JsonNode conditions, JsonNode actions,
                      String description, Instant createdAt, Instant updatedAt) {
}
