package io.engagementbridge.profile;

import java.util.List;

/** The Zendesk requester as the sidebar sees them: primary email first, other emails, external id. */
public record Requester(String name, List<String> emails, String externalId) {

    public Requester {
        emails = emails == null ? List.of() : emails.stream()
                .filter(e -> e != null && !e.isBlank()).map(String::trim).distinct().toList();
        externalId = externalId == null || externalId.isBlank() ? null : externalId.trim();
        name = name == null ? "" : name.trim();
    }

    public boolean identifiable() {
        return !emails.isEmpty() || externalId != null;
    }
}
