package io.engagementbridge.profile;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.engagementbridge.config.CacheConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Customer profiles by partition and identifier. Concurrent opens of one customer share one
 * upstream call; entries older than the refresh interval are served while they reload in the
 * background; "not found" lives only briefly; failed loads are never cached.
 */
public final class ProfileCache implements ProfileStore {
    private final AsyncLoadingCache<ProfileKey, ProfileLookup> cache;

    public ProfileCache(CacheConfig config, Ticker ticker, AsyncCacheLoader<ProfileKey, ProfileLookup> loader) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.maxEntries())
                .expireAfter(Expiry.<ProfileKey, ProfileLookup>writing((key, lookup) ->
                        lookup instanceof ProfileLookup.Missing ? config.notFoundTtl() : config.ttl()))
                .refreshAfterWrite(config.refreshAfter())
                .ticker(ticker)
                .recordStats()
                .buildAsync(loader);
    }

    @Override
    public CompletableFuture<ProfileLookup> get(ProfileKey key) {
        return cache.get(key);
    }

    @Override
    public CompletableFuture<ProfileLookup> reload(ProfileKey key) {
        return cache.synchronous().refresh(key);
    }

    @Override
    public Optional<ProfileLookup> cached(ProfileKey key) {
        return Optional.ofNullable(cache.synchronous().getIfPresent(key));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, cache, "profiles");
    }

    public CacheStats stats() {
        return cache.synchronous().stats();
    }

    public long size() {
        return cache.synchronous().estimatedSize();
    }

}
