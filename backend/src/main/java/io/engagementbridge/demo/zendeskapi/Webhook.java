package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** A webhook: where and how Zendesk sends, and the secret it signs each request with. */
public record Webhook(String id, String name, String endpoint, String httpMethod, String requestFormat, String status,
                      List<String> subscriptions, String signingSecret, JsonNode authentication, Instant createdAt, Instant updatedAt) {
}
