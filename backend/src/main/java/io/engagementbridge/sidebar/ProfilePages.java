package io.engagementbridge.sidebar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.engagementbridge.profile.CustomerId;
import io.engagementbridge.profile.CustomerProfile;
import io.engagementbridge.settings.InstallationSettings;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Finished profile fragments, for opens that would render the same bytes again: the same cached
 * profile and the same parsed settings, both by identity (a reload yields a new profile, changed
 * settings a new parse), the same matched (and also-matching) identifier, requester name and agent. Callers pass only
 * fresh profiles: a stale one shows its age, which changes by the minute.
 */
final class ProfilePages {
    static final int PAGES = 1_000;

    private final Cache<Key, String> pages = Caffeine.newBuilder().maximumSize(PAGES).build();

    String get(CustomerProfile profile, InstallationSettings settings, CustomerId matchedOn, CustomerId alsoMatches, String requesterName,
               AgentContext agent, Supplier<String> render) {
        return pages.get(new Key(profile, settings, matchedOn, alsoMatches, requesterName, agent), key -> render.get());
    }

    /** Profile and settings compare by identity; their own equals would walk every field on each open. */
    private record Key(CustomerProfile profile, InstallationSettings settings, CustomerId matchedOn, CustomerId alsoMatches,
                       String requesterName, AgentContext agent) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.profile == profile && key.settings == settings
                    && key.matchedOn.equals(matchedOn) && Objects.equals(key.alsoMatches, alsoMatches)
                    && key.requesterName.equals(requesterName) && key.agent.equals(agent);
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(profile), System.identityHashCode(settings), matchedOn, alsoMatches, requesterName, agent);
        }
    }
}
