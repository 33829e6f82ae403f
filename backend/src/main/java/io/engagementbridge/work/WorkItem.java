package io.engagementbridge.work;

import java.time.Instant;
import java.util.Optional;

/** A stored work item as a worker sees it; {@code attempts} counts this one. */
public record WorkItem(long id, String connectionId, String kind, String key, String payload, String idempotencyKey,
                       WorkState state, int attempts, Instant nextAttemptAt, Optional<String> lastError, Instant createdAt) {
}
