package io.engagementbridge.profile;

/** One Engagement customer identifier: an ID name (e.g. registered) and its value. */
public record CustomerId(String name, String value) {
}
