package io.engagementbridge.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.config.CacheConfig;
import io.engagementbridge.profile.CustomerId;
import io.engagementbridge.profile.CustomerProfile;
import io.engagementbridge.profile.ProfileCache;
import io.engagementbridge.profile.ProfileKey;
import io.engagementbridge.profile.ProfileLookup;
import io.engagementbridge.profile.ProfileRequest;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Heap retained by cached profiles: used heap after full collections, before and after filling a
 * fresh {@link ProfileCache} with copies of real profiles under distinct customer ids. All keys share
 * one request, as production's do ({@link io.engagementbridge.profile.ProfileRequests}).
 */
final class HeapProbe {

    /** What {@code profiles} entries of {@code fields} fields took on the heap, and what the cache's weigher estimated. */
    record Result(int profiles, int fields, long heapBytes, long estimatedBytes) {
    }

    private HeapProbe() {
    }

    static Result measure(int profiles, List<CustomerProfile> templates, ProfileRequest request) {
        var loads = new AtomicInteger();
        var cache = new ProfileCache(unbounded(), Ticker.systemTicker(), (key, executor) -> CompletableFuture.completedFuture(
                new ProfileLookup.Found(templates.get(loads.getAndIncrement() % templates.size()))));
        var before = usedHeapAfterGc();
        for (int i = 0; i < profiles; i++) {
            cache.get(new ProfileKey(request, new CustomerId(request.settings().customerIdName(), "customer-" + i + "@example.com"))).join();
        }
        cache.cleanUp();
        var after = usedHeapAfterGc();
        if (cache.size() != profiles) {
            throw new IllegalStateException("the probe's cache evicted: " + cache.size() + " of " + profiles + " entries left");
        }
        var estimated = cache.weightedSize();
        Reference.reachabilityFence(cache);
        return new Result(profiles, templates.get(0).fields().size(), after - before, estimated);
    }

    /** Nothing is evicted, and with maxBytes = maxEntries every entry weighs just its estimate. */
    private static CacheConfig unbounded() {
        var defaults = CacheConfig.DEFAULTS;
        return new CacheConfig(defaults.ttl(), defaults.refreshAfter(), defaults.notFoundTtl(), 1L << 40, 1L << 40);
    }

    static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
