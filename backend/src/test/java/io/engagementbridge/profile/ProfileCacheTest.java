package io.engagementbridge.profile;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import io.engagementbridge.config.CacheConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class ProfileCacheTest {
    private static final CacheConfig CONFIG = new CacheConfig(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofSeconds(30), 1000, CacheConfig.DEFAULTS.maxBytes());
    private static final ProfileKey KEY = Profiles.key("ada@example.com");

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();
    private final List<CompletableFuture<ProfileLookup>> pending = new ArrayList<>();

    private ProfileCache cache(AsyncCacheLoader<ProfileKey, ProfileLookup> loader) {
        return cache(CONFIG, loader);
    }

    private ProfileCache cache(CacheConfig config, AsyncCacheLoader<ProfileKey, ProfileLookup> loader) {
        return new ProfileCache(config, nanos::get, loader);
    }

    private static CacheConfig bounded(long maxEntries, long maxBytes) {
        return new CacheConfig(CONFIG.ttl(), CONFIG.refreshAfter(), CONFIG.notFoundTtl(), maxEntries, maxBytes);
    }

    private static void fill(ProfileCache cache, int customers) {
        for (int i = 0; i < customers; i++) {
            cache.get(Profiles.key("customer-" + i + "@example.com")).join();
            cache.cleanUp();
        }
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
    void large_profiles_are_evicted_once_their_bytes_exceed_the_bound() {
        var cache = cache(bounded(1_000, 20_000), counting(Profiles.found(14, 400)));
        fill(cache, 30);
        assertThat(cache.weightedSize()).isLessThanOrEqualTo(20_000);
        assertThat(cache.size()).isBetween(1L, 29L);
    }

    @Test
    void small_profiles_are_still_capped_by_entry_count() {
        var cache = cache(bounded(3, CacheConfig.DEFAULTS.maxBytes()), counting(Profiles.found(1, 1)));
        fill(cache, 10);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void reading_a_cached_profile_decodes_equal_fields() {
        var cache = cache(counting(Profiles.found(14, 100)));
        cache.get(KEY).join();
        assertThat(cache.get(KEY).join()).isEqualTo(Profiles.found(14, 100));
        assertThat(cache.cached(KEY)).contains(Profiles.found(14, 100));
    }

    @Test
    void cache_statistics_count_hits_and_misses() {
        var cache = cache(counting(found("2026-11-21T10:00:00Z")));
        cache.get(KEY).join();
        cache.get(KEY).join();
        assertThat(cache.stats().hitCount()).isEqualTo(1);
        assertThat(cache.stats().missCount()).isEqualTo(1);
    }

    @Test
    void a_customer_whose_events_engagement_just_accepted_is_loaded_afresh_where_they_show_and_others_stay_cached() {
        var cache = cache(counting(found("2026-11-21T10:00:00Z"), found("2026-11-21T10:05:00Z"), found("2026-11-21T10:10:00Z"),
                found("2026-11-21T10:15:00Z")));
        var ada = Profiles.keyWithTickets("ada@example.com");
        var other = Profiles.keyWithTickets("grace@example.com");
        cache.get(ada).join();
        cache.get(other).join();
        cache.get(KEY).join();
        assertThat(loads).hasValue(3);

        cache.forgetCustomers("another-project", "support_ticket", List.of(Map.of("registered", "ada@example.com")));
        cache.forgetCustomers("project", "purchase", List.of(Map.of("registered", "ada@example.com")));
        assertThat(cache.get(ada).join()).isEqualTo(found("2026-11-21T10:00:00Z"));

        cache.forgetCustomers("project", "support_ticket", List.of(Map.of("registered", "ADA@example.com", "external_id", "x-1")));
        assertThat(cache.get(ada).join()).isEqualTo(found("2026-11-21T10:15:00Z"));
        cache.get(other).join();
        // Ada's profile without recent support tickets cannot have changed: it stays cached (the tier fallback's lookups).
        cache.get(KEY).join();
        assertThat(loads).hasValue(4);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
