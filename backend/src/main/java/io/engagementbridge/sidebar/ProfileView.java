package io.engagementbridge.sidebar;

import java.util.List;

/**
 * Everything sidebar/profile.jte shows; all strings are plain text, escaped by the template. {@code staleNote} is null
 * unless stale; {@code tier} is null when the rules give this customer no tier.
 */
public record ProfileView(
        TierView tier,
        String title,
        String name,
        String matchedOn,
        String ambiguity,
        boolean recheck,
        List<FieldView> headline,
        List<FieldView> details,
        Recent recent,
        String profileUrl,
        String profileLinkLabel,
        String asOf,
        boolean stale,
        String staleNote,
        String refreshLabel) {

    /** The "recent interactions" block: absent when no event types are configured. */
    public record Recent(String heading, List<InteractionView> items, String unavailable, String reason, String none) {
    }
}
