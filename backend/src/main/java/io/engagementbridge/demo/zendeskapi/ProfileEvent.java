package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** An event received through the Events API, with the timestamp the sender gave ({@code createdAt}) and when it arrived. */
public record ProfileEvent(String id, long userId, String profileId, String source, String type, String description,
                           JsonNode properties, Instant createdAt, Instant receivedAt) {
}
