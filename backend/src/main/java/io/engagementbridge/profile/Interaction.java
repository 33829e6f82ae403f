package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** One tracked event of the customer: its type, when it happened and its properties. */
public record Interaction(String type, Instant at, ObjectNode properties) {
}
