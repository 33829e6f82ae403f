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

    /** The ticket's requester as ZAF's user object shows it. */
    public record Requester(long id, String name, String email, String externalId, List<Identity> identities) {
    }

    /** One of the requester's identities (email, phone …). */
    public record Identity(String type, String value, boolean primary) {
    }
}
