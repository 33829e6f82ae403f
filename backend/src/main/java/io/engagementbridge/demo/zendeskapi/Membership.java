package io.engagementbridge.demo.zendeskapi;

import java.time.Instant;

/** A user's membership of an organization; one of a user's memberships is the default. */
public record Membership(long id, long userId, long organizationId, boolean isDefault, Instant createdAt, Instant updatedAt) {
}
