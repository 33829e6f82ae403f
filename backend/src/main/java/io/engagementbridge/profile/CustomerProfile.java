package io.engagementbridge.profile;

import java.time.Instant;
import java.util.List;

/** What Engagement knows about one customer, as of {@code fetchedAt}. */
public record CustomerProfile(List<ProfileField> fields, Instant fetchedAt) {
}
