package io.engagementbridge.zendesk;

import io.engagementbridge.zendesk.ZendeskFailure.Limit;
import okhttp3.Headers;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one Zendesk response said about the account's budget: {@code X-Rate-Limit} / {@code ratelimit-limit},
 * the remaining requests, when the window resets, and for a 429 (or a 503 with Retry-After) which budget
 * ran out and for how long.
 */
public record RateLimitSignal(int status, OptionalInt accountLimit, OptionalInt accountRemaining, Optional<Duration> resetIn,
                              Optional<Duration> retryAfter, Optional<Limit> exhausted, String endpoint) {

    static RateLimitSignal of(int status, Headers headers, Optional<Duration> retryAfter, Optional<Limit> exhausted) {
        return of("unknown", status, headers, retryAfter, exhausted);
    }

    /** {@code endpoint} is the method and path with ids replaced, e.g. {@code PUT /api/v2/tickets/{id}}: a metric label. */
    static RateLimitSignal of(String endpoint, int status, Headers headers, Optional<Duration> retryAfter, Optional<Limit> exhausted) {
        var limit = firstInt(headers, "X-Rate-Limit", "ratelimit-limit");
        var remaining = firstInt(headers, "X-Rate-Limit-Remaining", "ratelimit-remaining");
        var reset = firstInt(headers, "ratelimit-reset");
        return new RateLimitSignal(status, limit, remaining,
                reset.isPresent() ? Optional.of(Duration.ofSeconds(reset.getAsInt())) : Optional.empty(), retryAfter, exhausted, endpoint);
    }

    private static OptionalInt firstInt(Headers headers, String... names) {
        for (var name : names) {
            var value = headers.get(name);
            if (value != null) {
                try {
                    return OptionalInt.of(Math.max(0, Integer.parseInt(value.trim())));
                } catch (NumberFormatException ignored) {
                    // an unreadable header says nothing; the next name may
                }
            }
        }
        return OptionalInt.empty();
    }
}
