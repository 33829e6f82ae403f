package io.engagementbridge.engagement;

import io.engagementbridge.config.Resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next attempt: exactly what Retry-After asked for (never less), else
 * exponential backoff from the base delay, capped, with ±25% jitter so many callers do not retry in step.
 */
final class RetryDelays {
    private final Resilience resilience;

    RetryDelays(Resilience resilience) {
        this.resilience = resilience;
    }

    Duration next(Throwable failure, int attemptsSoFar) {
        if (failure instanceof EngagementException e && e.retryAfter().isPresent()) {
            return e.retryAfter().get();
        }
        var exponent = Math.min(Math.max(attemptsSoFar - 1, 0), 20);
        var backoff = Math.min(resilience.baseDelay().toNanos() << exponent, resilience.maxDelay().toNanos());
        var jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofNanos((long) (backoff * jitter));
    }
}
