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

    public ProfileLoader(EngagementClient client, ObjectMapper mapper, Clock clock) {
        this.dataApi = new DataApiSource(client, mapper, clock);
        this.managedEndpoint = new ManagedEndpointSource(client, mapper, clock);
    }

    @Override
    public CompletableFuture<ProfileLookup> asyncLoad(ProfileKey key, Executor executor) {
        return key.request().settings().source() == DataSource.MANAGED_ENDPOINT
                ? managedEndpoint.load(key) : dataApi.load(key);
    }
}
