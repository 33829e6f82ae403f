package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import io.engagementbridge.engagement.EngagementClient;
import io.engagementbridge.settings.DataSource;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Loads one identifier's profile from the installation's data source. */
public final class ProfileLoader implements AsyncCacheLoader<ProfileKey, ProfileLookup> {
    private final DataApiSource dataApi;
    private final ManagedEndpointSource managedEndpoint;
    private final InteractionsSource interactions;

    private final BackgroundRefresh background;

    public ProfileLoader(EngagementClient client, ObjectMapper mapper, Clock clock, BackgroundRefresh background) {
        this.background = background;
        this.dataApi = new DataApiSource(client, mapper, clock);
        this.managedEndpoint = new ManagedEndpointSource(client, mapper, clock);
        this.interactions = new InteractionsSource(client, mapper);
    }

    /** Fields and recent interactions are fetched in parallel and cached together. */
    @Override
    public CompletableFuture<ProfileLookup> asyncLoad(ProfileKey key, Executor executor) {
        var fields = key.request().settings().source() == DataSource.MANAGED_ENDPOINT
                ? managedEndpoint.load(key) : dataApi.load(key);
        return fields.thenCombine(interactions.load(key), (lookup, recent) -> lookup instanceof ProfileLookup.Found found
                ? new ProfileLookup.Found(found.profile().withInteractions(recent)) : lookup);
    }

    /** The cache's refresh-ahead: waits its turn behind agents' opens (see {@link BackgroundRefresh}). */
    @Override
    public CompletableFuture<ProfileLookup> asyncReload(ProfileKey key, ProfileLookup oldValue, Executor executor) {
        return background.submit(() -> asyncLoad(key, executor));
    }
}
