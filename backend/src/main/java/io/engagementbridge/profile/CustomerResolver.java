package io.engagementbridge.profile;

import io.engagementbridge.config.Capacity;
import io.engagementbridge.engagement.EngagementException;
import io.engagementbridge.settings.InstallationSettings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds the requester's Engagement customer among their identifiers (primary email, other emails, each
 * as given and then lower-cased, then the external id): the first one, in that order, that leads to a
 * customer wins. At most {@link Capacity#maxIdentifiers()} of them are looked up, all at once (an e-mail's
 * lower-cased form only after the form as given came back missing), through the cache, under one
 * deadline for the whole request, so a body listing thousands of addresses costs
 * no more than that many upstream calls and no more than that deadline. The answer comes as soon as the
 * lookups so far decide it: a requester found by the primary e-mail waits for one round trip, not for the
 * slowest of their other identifiers, and the page says "look again" until those have answered.
 */
public final class CustomerResolver {
    private final ProfileStore cache;
    private final Capacity capacity;

    public CustomerResolver(ProfileStore cache, Capacity capacity) {
        this.cache = cache;
        this.capacity = capacity;
    }

    /**
     * The outcome, the identifier that produced it (the last one tried when nobody matched), and
     * another identifier of the requester that leads to a different customer, if any.
     */
    public record Resolution(ProfileLookup lookup, CustomerId matchedOn, List<CustomerId> tried, CustomerId alsoMatches, boolean othersPending) {
    }

    public CompletableFuture<Resolution> resolve(ProfileRequest request, Requester requester, boolean refresh) {
        var candidates = candidates(request.settings(), requester, capacity.maxIdentifiers());
        var lookups = new ArrayList<CompletableFuture<ProfileLookup>>();
        for (int i = 0; i < candidates.size(); i++) {
            var key = new ProfileKey(request, candidates.get(i));
            if (i > 0 && isLowerCaseOf(candidates.get(i), candidates.get(i - 1))) {
                // An e-mail's lower-cased form is asked for only if the form as given leads nowhere.
                lookups.add(lookups.get(i - 1).thenCompose(asGiven -> asGiven instanceof ProfileLookup.Found
                        ? CompletableFuture.completedFuture(asGiven) : lookUp(key, refresh)));
            } else {
                lookups.add(lookUp(key, refresh));
            }
        }
        // Answer as soon as the lookups so far decide it (usually the primary e-mail alone): the rest keep filling the cache.
        var decided = new CompletableFuture<Resolution>();
        lookups.forEach(lookup -> lookup.whenComplete((outcome, error) -> {
            try {
                settle(candidates, lookups).ifPresent(decided::complete);
            } catch (RuntimeException failure) {
                decided.completeExceptionally(unwrap(failure));
            }
        }));
        return decided
                .orTimeout(capacity.sidebarDeadline().toNanos(), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(error -> {
                    var cause = unwrap(error);
                    if (!(cause instanceof TimeoutException)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    // Out of time: answer if what has arrived already decides it, say "took too long" otherwise.
                    return settle(candidates, lookups).map(CompletableFuture::completedFuture).orElseGet(() ->
                            CompletableFuture.failedFuture(new EngagementException(EngagementException.Kind.TIMEOUT, 0,
                                    "no answer within the sidebar deadline of " + capacity.sidebarDeadline().toMillis() + " ms")));
                });
    }

    private CompletableFuture<ProfileLookup> lookUp(ProfileKey key, boolean refresh) {
        return refresh ? reloadOrKeep(key) : cache.get(key);
    }

    private static boolean isLowerCaseOf(CustomerId id, CustomerId previous) {
        return id.name().equals(previous.name()) && id.value().equals(previous.value().toLowerCase(Locale.ROOT));
    }

    /**
     * The resolution if the completed lookups decide it: every identifier before the first match answered
     * "missing". A failure before any match fails the whole; later lookups still running only lose the
     * ambiguity note.
     */
    private static Optional<Resolution> settle(List<CustomerId> candidates, List<CompletableFuture<ProfileLookup>> lookups) {
        for (int i = 0; i < candidates.size(); i++) {
            var lookup = lookups.get(i);
            if (!lookup.isDone()) {
                return Optional.empty();
            }
            var outcome = lookup.join(); // throws the lookup's failure
            if (outcome instanceof ProfileLookup.Found found) {
                var alsoMatches = elsewhere(candidates, lookups, i, found);
                var othersPending = alsoMatches == null && lookups.subList(i + 1, lookups.size()).stream().anyMatch(other -> !other.isDone());
                return Optional.of(new Resolution(found, candidates.get(i), candidates.subList(0, i + 1), alsoMatches, othersPending));
            }
            if (i == candidates.size() - 1) {
                return Optional.of(new Resolution(outcome, candidates.get(i), candidates, null, false));
            }
        }
        throw new IllegalStateException("no candidates");
    }

    /** Another identifier of the requester (not a mere case variant of one before the match) that leads to a different customer. */
    private static CustomerId elsewhere(List<CustomerId> candidates, List<CompletableFuture<ProfileLookup>> lookups, int matched,
                                        ProfileLookup.Found found) {
        var seen = new HashSet<String>();
        for (int i = 0; i <= matched; i++) {
            seen.add(ignoringCase(candidates.get(i)));
        }
        for (int i = matched + 1; i < candidates.size(); i++) {
            var lookup = lookups.get(i);
            if (!seen.add(ignoringCase(candidates.get(i))) || !lookup.isDone() || lookup.isCompletedExceptionally()) {
                continue;
            }
            if (lookup.join() instanceof ProfileLookup.Found other && !other.profile().fields().equals(found.profile().fields())) {
                return candidates.get(i);
            }
        }
        return null;
    }

    private static String ignoringCase(CustomerId id) {
        return id.name() + "\u0000" + id.value().toLowerCase(Locale.ROOT);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * The identifiers to look up, in order of precedence: each email as given and lower-cased (case
     * variants of an email already listed add nothing), then the external id; at most {@code limit}.
     */
    static List<CustomerId> candidates(InstallationSettings settings, Requester requester, int limit) {
        var ids = new LinkedHashSet<CustomerId>();
        var emails = new HashSet<String>();
        for (var email : requester.emails()) {
            var lowerCase = email.toLowerCase(Locale.ROOT);
            if (emails.add(lowerCase)) {
                ids.add(new CustomerId(settings.customerIdName(), email));
                ids.add(new CustomerId(settings.customerIdName(), lowerCase));
            }
            if (ids.size() >= limit) {
                break;
            }
        }
        if (requester.externalId() != null && !settings.externalIdName().isEmpty()) {
            ids.add(new CustomerId(settings.externalIdName(), requester.externalId()));
        }
        return List.copyOf(new ArrayList<>(ids).subList(0, Math.min(limit, ids.size())));
    }

    /** A failed refresh keeps showing what we had (marked with its age) rather than an error. */
    private CompletableFuture<ProfileLookup> reloadOrKeep(ProfileKey key) {
        return cache.reload(key).exceptionallyCompose(error -> cache.cached(key)
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(error)));
    }
}
