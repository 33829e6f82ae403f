package io.engagementbridge.sidebar;

/**
 * The tier badge at the top of a profile: the tier's name and why, the suggested priority, and what the
 * "Apply suggested priority" button writes into the open ticket ({@code fieldId} is null without a tier ticket field).
 */
public record TierView(String name, String reason, String priorityLabel, String priority, String tag, String fieldValue,
                       String fieldId, String applyLabel, String appliedLabel) {
}
