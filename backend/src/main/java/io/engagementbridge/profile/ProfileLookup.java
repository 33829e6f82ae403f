package io.engagementbridge.profile;

import java.time.Instant;

/** The outcome of asking Engagement for one identifier: a profile, or a confirmed absence. */
public sealed interface ProfileLookup {

    Instant checkedAt();

    record Found(CustomerProfile profile) implements ProfileLookup {
        @Override
        public Instant checkedAt() {
            return profile.fetchedAt();
        }
    }

    record Missing(Instant checkedAt) implements ProfileLookup {
    }
}
