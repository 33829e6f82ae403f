package io.engagementbridge.priority;

/** The tier a customer belongs to, and the condition that put them there. */
public record TierMatch(Tier tier, TierReason reason) {
}
