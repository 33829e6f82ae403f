package io.engagementbridge.profile;

import java.time.Instant;
import java.util.List;

/** What Engagement knows about one customer, as of {@code fetchedAt}. */
public record CustomerProfile(List<ProfileField> fields, Instant fetchedAt, Interactions interactions) {

    public CustomerProfile(List<ProfileField> fields, Instant fetchedAt) {
        this(fields, fetchedAt, Interactions.NOT_REQUESTED);
    }

    CustomerProfile withInteractions(Interactions recent) {
        return new CustomerProfile(fields, fetchedAt, recent);
    }
}
