package io.engagementbridge.work;

/**
 * A write to be done: {@code key} orders it among the connection's other work of the same key
 * (one Zendesk user, one ticket); {@code idempotencyKey} makes enqueueing it twice a no-op.
 */
public record NewWork(String connectionId, String kind, String key, String payload, String idempotencyKey) {
    public NewWork {
        if (key.length() > 300 || idempotencyKey.length() > 300) {
            throw new IllegalArgumentException("work keys are at most 300 characters");
        }
    }
}
