package io.engagementbridge.bench;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import io.engagementbridge.profile.ProfileKey;
import io.engagementbridge.profile.ProfileLookup;
import io.engagementbridge.profile.ProfileStore;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/** The baseline the cache is measured against: every open goes upstream. Exists only in the benchmark. */
final class PassThroughStore implements ProfileStore {
    private final AsyncCacheLoader<ProfileKey, ProfileLookup> loader;

    PassThroughStore(AsyncCacheLoader<ProfileKey, ProfileLookup> loader) {
        this.loader = loader;
    }

    @Override
    public CompletableFuture<ProfileLookup> get(ProfileKey key) {
        try {
            return loader.asyncLoad(key, ForkJoinPool.commonPool()).thenApply(lookup -> lookup);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<ProfileLookup> reload(ProfileKey key) {
        return get(key);
    }

    @Override
    public Optional<ProfileLookup> cached(ProfileKey key) {
        return Optional.empty();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
    }
}
