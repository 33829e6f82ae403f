package io.engagementbridge.profile;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import io.engagementbridge.config.CacheConfig;
import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.settings.InstallationSettings;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class ProfileCacheTest {
    private static final CacheConfig CONFIG = new CacheConfig(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofSeconds(30), 1000);
    private static final ProfileKey KEY = new ProfileKey(ProfileRequest.of(new InstallationSettings("t", HttpUrl.get("https://api.exponea.com"),
            "project", "registered", "", null, List.of(), List.of(), null, Currency.getInstance("USD")),
            new Credentials("key", "secret")), new CustomerId("registered", "ada@example.com"));

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();
    private final List<CompletableFuture<ProfileLookup>> pending = new ArrayList<>();

    private ProfileCache cache(AsyncCacheLoader<ProfileKey, ProfileLookup> loader) {
        return new ProfileCache(CONFIG, nanos::get, loader);
    }

    private static ProfileLookup found(String version) {
        return new ProfileLookup.Found(new CustomerProfile(List.of(new ProfileField("v", null, "", "property", "v", null, null)), Instant.parse(version)));
    }

    private AsyncCacheLoader<ProfileKey, ProfileLookup> counting(ProfileLookup... answers) {
        return (key, executor) -> CompletableFuture.completedFuture(answers[Math.min(loads.getAndIncrement(), answers.length - 1)]);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void one_hundred_simultaneous_opens_share_one_upstream_call() throws Exception {
        var cache = cache((key, executor) -> {
            loads.incrementAndGet();
            var future = new CompletableFuture<ProfileLookup>();
            synchronized (pending) {
                pending.add(future);
            }
            return future;
        });
        var pool = Executors.newFixedThreadPool(100);
        var start = new CountDownLatch(1);
        var results = new ArrayList<CompletableFuture<ProfileLookup>>();
        for (int i = 0; i < 100; i++) {
            results.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return cache.get(KEY).join();
            }, pool));
        }
        start.countDown();
        Thread.sleep(200);
        synchronized (pending) {
            pending.forEach(f -> f.complete(found("2026-11-21T10:00:00Z")));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(loads).hasValue(1);
    }

    @Test
    void entry_older_than_the_refresh_interval_is_served_while_it_reloads() {
        var reload = new CompletableFuture<ProfileLookup>();
        var cache = cache((key, executor) -> loads.getAndIncrement() == 0
                ? CompletableFuture.completedFuture(found("2026-11-21T10:00:00Z")) : reload);
        cache.get(KEY).join();
        advance(Duration.ofMinutes(2));
        assertThat(cache.get(KEY).join()).isEqualTo(found("2026-11-21T10:00:00Z"));
        assertThat(loads).hasValue(2);
        reload.complete(found("2026-11-21T10:05:00Z"));
        assertThat(cache.get(KEY).join()).isEqualTo(found("2026-11-21T10:05:00Z"));
    }

    @Test
    void fresh_entry_is_not_reloaded() {
        var cache = cache(counting(found("2026-11-21T10:00:00Z")));
        cache.get(KEY).join();
        advance(Duration.ofSeconds(59));
        cache.get(KEY).join();
        assertThat(loads).hasValue(1);
    }

    @Test
    void entry_past_hard_expiry_is_loaded_before_answering() {
        var cache = cache(counting(found("2026-11-21T10:00:00Z"), found("2026-11-21T11:00:00Z")));
        cache.get(KEY).join();
        advance(Duration.ofMinutes(11));
        assertThat(cache.get(KEY).join()).isEqualTo(found("2026-11-21T11:00:00Z"));
    }

    @Test
    void missing_customer_is_remembered_only_briefly() {
        var cache = cache(counting(new ProfileLookup.Missing(Instant.EPOCH)));
        cache.get(KEY).join();
        advance(Duration.ofSeconds(20));
        cache.get(KEY).join();
        assertThat(loads).hasValue(1);
        advance(Duration.ofSeconds(11));
        cache.get(KEY).join();
        assertThat(loads).hasValue(2);
    }

    @Test
    void failed_loads_are_not_cached() {
        var cache = cache((key, executor) -> loads.getAndIncrement() == 0
                ? CompletableFuture.failedFuture(new IllegalStateException("upstream down"))
                : CompletableFuture.completedFuture(found("2026-11-21T10:00:00Z")));
        assertThatThrownBy(() -> cache.get(KEY).join()).hasRootCauseMessage("upstream down");
        assertThat(cache.get(KEY).join()).isEqualTo(found("2026-11-21T10:00:00Z"));
    }

    @Test
    void cache_statistics_count_hits_and_misses() {
        var cache = cache(counting(found("2026-11-21T10:00:00Z")));
        cache.get(KEY).join();
        cache.get(KEY).join();
        assertThat(cache.stats().hitCount()).isEqualTo(1);
        assertThat(cache.stats().missCount()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
