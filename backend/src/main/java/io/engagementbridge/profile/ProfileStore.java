package io.engagementbridge.profile;

import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where profiles come from on the request path. Production uses {@link ProfileCache}. */
public interface ProfileStore {

    CompletableFuture<ProfileLookup> get(ProfileKey key);

    /** Loads afresh for one key (the agent's refresh button); a cached entry survives a failed reload. */
    CompletableFuture<ProfileLookup> reload(ProfileKey key);

    /** What is held for the key right now, without loading. */
    Optional<ProfileLookup> cached(ProfileKey key);

    void bindTo(MeterRegistry registry);

    /**
     * Drops what is held for these customers of that Engagement project (ids compared ignoring case) where the recent
     * interactions show {@code eventType}, so their next open loads afresh: Engagement has just accepted events of theirs
     * that those interactions would otherwise miss. Profiles without that event type stay cached (they cannot change).
     */
    default void forgetCustomers(String projectToken, String eventType, Collection<Map<String, String>> customerIds) {
    }
}
