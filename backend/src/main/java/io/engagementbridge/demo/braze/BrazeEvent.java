package io.engagementbridge.demo.braze;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A custom event the Braze simulator stored, for the user named by its external id or its e-mail. */
public record BrazeEvent(Optional<String> externalId, Optional<String> email, String name, Instant time, Map<String, Object> properties) {
}
