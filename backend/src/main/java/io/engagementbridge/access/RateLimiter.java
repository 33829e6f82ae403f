package io.engagementbridge.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A token bucket per Engagement key pair (keyed by a hash, never the secret itself): a leaked or
 * buggy installation cannot flood the backend or, through it, Engagement.
 */
public final class RateLimiter {
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final int perMinute;
    private final TimeMeter time;

    public RateLimiter(int perMinute, TimeMeter time) {
        this.perMinute = perMinute;
        this.time = time;
    }

    /** Before-handler: throws 429 with the wait time once the caller's bucket is empty. */
    public void check(Context ctx) {
        var caller = fingerprint(ctx.header("X-Engagement-Key-Id"), ctx.header("X-Engagement-Key-Secret"));
        var probe = buckets.get(caller, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(time)
                .build()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            var seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw CallerRejectedException.tooManyRequests(Duration.ofSeconds(seconds));
        }
    }

    private static String fingerprint(String keyId, String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(keyId).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(String.valueOf(secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
