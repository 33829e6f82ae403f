package io.engagementbridge.profile;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.engagementbridge.config.CacheConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Customer profiles by partition and identifier, bounded by approximate bytes and by entry count and
 * kept compact ({@link StoredLookup}); the most recently read are also kept decoded, outside that
 * bound, so hot customers skip decoding and readers get the same object until the entry changes.
 * Concurrent opens of one customer share one upstream call; entries older than the refresh interval
 * are served while they reload in the background; "not found" lives only briefly; failed loads are
 * never cached.
 */
public final class ProfileCache implements ProfileStore {
    /** How many recently read entries are also kept decoded, so hot customers skip decoding. */
    static final int DECODED = 1_000;

    private final AsyncLoadingCache<ProfileKey, StoredLookup> cache;
    private final AsyncCacheLoader<ProfileKey, ProfileLookup> loader;
    // Keyed by the stored entry itself (weak keys compare identity): a reload stores a new one, so no stale decode is served.
    private final Cache<StoredLookup, ProfileLookup> decoded = Caffeine.newBuilder().weakKeys().maximumSize(DECODED).build();

    public ProfileCache(CacheConfig config, Ticker ticker, AsyncCacheLoader<ProfileKey, ProfileLookup> loader) {
        this.loader = loader;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.maxWeight())
                // Every entry weighs at least maxBytes / maxEntries, so the byte bound also caps the entry count.
                .weigher(new ProfileWeigher(config.minEntryWeight()))
                .expireAfter(Expiry.<ProfileKey, StoredLookup>writing((key, stored) ->
                        stored.missing() ? config.notFoundTtl() : config.ttl()))
                .refreshAfterWrite(config.refreshAfter())
                .ticker(ticker)
                .recordStats()
                .buildAsync(new AsyncCacheLoader<ProfileKey, StoredLookup>() {
                    @Override
                    public CompletableFuture<StoredLookup> asyncLoad(ProfileKey key, Executor executor) throws Exception {
                        return loader.asyncLoad(key, executor).thenApply(StoredLookup::of);
                    }

                    @Override
                    public CompletableFuture<StoredLookup> asyncReload(ProfileKey key, StoredLookup old, Executor executor) throws Exception {
                        return loader.asyncReload(key, old.lookup(), executor).thenApply(StoredLookup::of);
                    }
                });
    }

    @Override
    public CompletableFuture<ProfileLookup> get(ProfileKey key) {
        return cache.get(key).thenApply(this::decode);
    }

    @Override
    public CompletableFuture<ProfileLookup> reload(ProfileKey key) {
        // Loaded in the foreground: the cache's own refresh is the loader's background, refresh-ahead path.
        CompletableFuture<? extends ProfileLookup> load;
        try {
            load = loader.asyncLoad(key, ForkJoinPool.commonPool());
        } catch (Exception e) {
            load = CompletableFuture.failedFuture(e);
        }
        return load.thenApply(lookup -> {
            var stored = StoredLookup.of(lookup);
            cache.synchronous().put(key, stored);
            return decode(stored);
        });
    }

    @Override
    public Optional<ProfileLookup> cached(ProfileKey key) {
        return Optional.ofNullable(cache.synchronous().getIfPresent(key)).map(this::decode);
    }

    @Override
    public void forgetCustomers(String projectToken, String eventType, Collection<Map<String, String>> customerIds) {
        var wanted = new HashSet<CustomerId>();
        customerIds.forEach(ids -> ids.forEach((name, value) -> wanted.add(lowerCase(new CustomerId(name, value)))));
        // A scan of the keys, once per accepted batch: they are by partition (key pair, fields, …), which the relay cannot know.
        var stale = cache.synchronous().asMap().keySet().stream()
                .filter(key -> key.request().settings().projectToken().equals(projectToken) && key.request().settings().eventTypes().contains(eventType)
                        && wanted.contains(lowerCase(key.customerId())))
                .toList();
        cache.synchronous().invalidateAll(stale);
    }

    private static CustomerId lowerCase(CustomerId id) {
        return new CustomerId(id.name(), id.value().toLowerCase(Locale.ROOT));
    }

    private ProfileLookup decode(StoredLookup stored) {
        return decoded.get(stored, StoredLookup::lookup);
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

    /** The entries' total weight: their approximate bytes, each at least maxBytes / maxEntries. */
    public long weightedSize() {
        return cache.synchronous().policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** Runs pending maintenance, evictions included, now rather than on a later access. */
    public void cleanUp() {
        cache.synchronous().cleanUp();
    }
}
