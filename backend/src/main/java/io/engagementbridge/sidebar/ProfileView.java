package io.engagementbridge.sidebar;

import java.util.List;

/** Everything sidebar/profile.jte shows; all strings are plain text, escaped by the template. {@code staleNote} is null unless stale. */
public record ProfileView(
        String title,
        String name,
        String matchedOn,
        List<FieldView> headline,
        List<FieldView> details,
        String profileUrl,
        String profileLinkLabel,
        String asOf,
        boolean stale,
        String staleNote,
        String refreshLabel) {
}
