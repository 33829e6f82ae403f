package io.engagementbridge.demo.zendeskapi;

import java.time.Instant;

/** One of a user's identities (email, phone_number, …); exactly one email identity is primary. */
public record Identity(long id, long userId, String type, String value, boolean verified, boolean primary,
                       Instant createdAt, Instant updatedAt) {
}
