package io.engagementbridge.demo.zendeskapi;

import java.time.Instant;
import java.util.List;

/**
 * A custom field definition (user, organization or ticket field). Ticket fields have no key and are
 * addressed by id; their drop-down type is called {@code tagger}.
 */
public record Field(long id, String key, String type, String title, String description, boolean active, long position,
                    List<FieldOption> options, String regexp, String tag, Instant createdAt, Instant updatedAt) {

    public boolean isDropdown() {
        return type.equals("dropdown") || type.equals("tagger");
    }
}
