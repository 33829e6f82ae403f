package io.engagementbridge.demo.zendesk;

import java.util.List;
import java.util.Map;

/**
 * A ticket in the simulated agent workspace, shaped like the ZAF ticket object the app reads;
 * {@code customFields} holds set values by ticket field id.
 */
public record SimulatedTicket(long id, String subject, String status, String priority, String createdAt, String description, Requester requester,
                              List<String> tags, Map<String, Object> customFields) {

    public SimulatedTicket {
        tags = List.copyOf(tags);
        customFields = Map.copyOf(customFields);
    }

    /** A ticket with no tags and no custom field values. */
    public SimulatedTicket(long id, String subject, String status, String priority, String createdAt, String description, Requester requester) {
        this(id, subject, status, priority, createdAt, description, requester, List.of(), Map.of());
    }

    /** The ticket's requester as ZAF's user object shows it, with the user field values and tags Zendesk holds for them. */
    public record Requester(long id, String name, String email, String externalId, List<Identity> identities, List<FieldValue> fields,
                            List<String> tags) {
        public Requester {
            identities = List.copyOf(identities);
            fields = List.copyOf(fields);
            tags = List.copyOf(tags);
        }

        /** A requester with no user field values and no tags. */
        public Requester(long id, String name, String email, String externalId, List<Identity> identities) {
            this(id, name, email, externalId, identities, List.of(), List.of());
        }
    }

    /** A user field's value as an agent reads it on the user's profile: the field's title, a drop-down's option name. */
    public record FieldValue(String key, String title, String value) {
    }

    /** One of the requester's identities (email, phone …). */
    public record Identity(String type, String value, boolean primary) {
    }
}
