package io.engagementbridge.demo.zendeskapi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Switchable misbehaviour, also reachable over HTTP at {@code POST /simulator/faults}. Thread-safe.
 */
public final class Faults {
    private record Failure(int remaining, int status, int retryAfterSeconds) {
    }

    private final AtomicReference<Failure> failNext = new AtomicReference<>(new Failure(0, 503, 0));
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicBoolean bulkImportsEnabled = new AtomicBoolean(true);
    private final AtomicReference<Double> webhookDropShare = new AtomicReference<>(0.0);
    private final AtomicInteger failuresServed = new AtomicInteger();

    /** The next {@code count} API requests answer {@code status} (e.g. 500, 503); {@code retryAfterSeconds} > 0 adds Retry-After. */
    public void failNext(int count, int status, int retryAfterSeconds) {
        if (count < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("count must be >= 0 and status a 4xx/5xx code");
        }
        failNext.set(new Failure(count, status, retryAfterSeconds));
    }

    /** Delay before every API answer. */
    public void setLatency(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive");
        }
        latency.set(delay);
    }

    public Duration latency() {
        return latency.get();
    }

    /** Bulk imports (create_many, create_or_update_many) answer 403 while disabled, as on a fresh Zendesk account. */
    public void setBulkImportsEnabled(boolean enabled) {
        bulkImportsEnabled.set(enabled);
    }

    public boolean bulkImportsEnabled() {
        return bulkImportsEnabled.get();
    }

    /** The share (0 to 1) of webhook invocations silently never sent, as Zendesk may lose them. */
    public void setWebhookDropShare(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("webhook drop share must be between 0 and 1");
        }
        webhookDropShare.set(share);
    }

    public double webhookDropShare() {
        return webhookDropShare.get();
    }

    /** Injected failures answered so far. */
    public int failuresServed() {
        return failuresServed.get();
    }

    /** An injected failure: the status to answer and, when positive, its Retry-After. */
    record InjectedFailure(int status, int retryAfterSeconds) {
    }

    /** The injected failure for the next request, or null when none is pending. */
    InjectedFailure takeFailure() {
        while (true) {
            var current = failNext.get();
            if (current.remaining() <= 0) {
                return null;
            }
            if (failNext.compareAndSet(current, new Failure(current.remaining() - 1, current.status(), current.retryAfterSeconds()))) {
                failuresServed.incrementAndGet();
                return new InjectedFailure(current.status(), current.retryAfterSeconds());
            }
        }
    }

    Map<String, Object> describe() {
        var failure = failNext.get();
        var map = new LinkedHashMap<String, Object>();
        map.put("fail_next", Map.of("count", failure.remaining(), "status", failure.status(), "retry_after", failure.retryAfterSeconds()));
        map.put("latency_ms", latency.get().toMillis());
        map.put("bulk_imports_enabled", bulkImportsEnabled.get());
        map.put("webhook_drop_share", webhookDropShare.get());
        map.put("failures_served", failuresServed.get());
        return map;
    }
}
