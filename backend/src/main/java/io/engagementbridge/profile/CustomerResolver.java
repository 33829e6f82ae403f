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

    /**
     * The outcome, the identifier that produced it (the last one tried when nobody matched), and
     * another identifier of the requester that leads to a different customer, if any.
     */
    public record Resolution(ProfileLookup lookup, CustomerId matchedOn, List<CustomerId> tried, CustomerId alsoMatches) {
    }

    public CompletableFuture<Resolution> resolve(ProfileRequest request, Requester requester, boolean refresh) {
        var candidates = candidates(request.settings(), requester);
        return attempt(request, candidates, 0, refresh).thenCompose(first -> first.lookup() instanceof ProfileLookup.Found found
                ? checkAmbiguity(request, candidates, first, found) : CompletableFuture.completedFuture(first));
    }

    /** Looks up the requester's other identifiers (not mere case variants) to see whether they lead elsewhere. */
    private CompletableFuture<Resolution> checkAmbiguity(ProfileRequest request, List<CustomerId> candidates, Resolution first,
                                                         ProfileLookup.Found found) {
        var seen = first.tried().stream().map(id -> id.name() + "\u0000" + id.value().toLowerCase(Locale.ROOT)).toList();
        var others = candidates.subList(first.tried().size(), candidates.size()).stream()
                .filter(id -> !seen.contains(id.name() + "\u0000" + id.value().toLowerCase(Locale.ROOT)))
                .filter(distinctIgnoringCase())
                .toList();
        var lookups = others.stream().map(id -> cache.get(new ProfileKey(request, id))).toList();
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).handle((done, error) -> {
            for (int i = 0; i < others.size(); i++) {
                var lookup = lookups.get(i);
                var other = lookup.isCompletedExceptionally() ? null : lookup.getNow(null);
                if (other instanceof ProfileLookup.Found elsewhere && !elsewhere.profile().fields().equals(found.profile().fields())) {
                    return new Resolution(first.lookup(), first.matchedOn(), first.tried(), others.get(i));
                }
            }
            return first;
        });
    }

    private static java.util.function.Predicate<CustomerId> distinctIgnoringCase() {
        var keys = new java.util.HashSet<String>();
        return id -> keys.add(id.name() + "\u0000" + id.value().toLowerCase(Locale.ROOT));
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
                return CompletableFuture.completedFuture(new Resolution(lookup, id, candidates.subList(0, index + 1), null));
            }
            return attempt(request, candidates, index + 1, refresh);
        });
    }
}
