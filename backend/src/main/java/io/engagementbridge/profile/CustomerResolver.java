package io.engagementbridge.profile;

import io.engagementbridge.settings.InstallationSettings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the requester's Engagement customer by trying their identifiers in order (primary email,
 * other emails, each as given and then lower-cased, then the external id) and stopping at the first
 * customer found. Every attempt goes through the cache.
 */
public final class CustomerResolver {
    private final ProfileStore cache;

    public CustomerResolver(ProfileStore cache) {
        this.cache = cache;
    }

    /** The outcome and the identifier that produced it (the last one tried when nobody matched). */
    public record Resolution(ProfileLookup lookup, CustomerId matchedOn, List<CustomerId> tried) {
    }

    public CompletableFuture<Resolution> resolve(ProfileRequest request, Requester requester, boolean refresh) {
        var candidates = candidates(request.settings(), requester);
        return attempt(request, candidates, 0, refresh);
    }

    static List<CustomerId> candidates(InstallationSettings settings, Requester requester) {
        var ids = new LinkedHashSet<CustomerId>();
        for (var email : requester.emails()) {
            ids.add(new CustomerId(settings.customerIdName(), email));
            ids.add(new CustomerId(settings.customerIdName(), email.toLowerCase(Locale.ROOT)));
        }
        if (requester.externalId() != null && !settings.externalIdName().isEmpty()) {
            ids.add(new CustomerId(settings.externalIdName(), requester.externalId()));
        }
        return new ArrayList<>(ids);
    }

    /** A failed refresh keeps showing what we had (marked with its age) rather than an error. */
    private CompletableFuture<ProfileLookup> reloadOrKeep(ProfileKey key) {
        return cache.reload(key).exceptionallyCompose(error -> cache.cached(key)
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(error)));
    }

    private CompletableFuture<Resolution> attempt(ProfileRequest request, List<CustomerId> candidates, int index, boolean refresh) {
        var id = candidates.get(index);
        var key = new ProfileKey(request, id);
        return (refresh ? reloadOrKeep(key) : cache.get(key)).thenCompose(lookup -> {
            if (lookup instanceof ProfileLookup.Found || index == candidates.size() - 1) {
                return CompletableFuture.completedFuture(new Resolution(lookup, id, candidates.subList(0, index + 1)));
            }
            return attempt(request, candidates, index + 1, refresh);
        });
    }
}
