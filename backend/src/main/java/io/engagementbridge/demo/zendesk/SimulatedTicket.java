package io.engagementbridge.demo.zendesk;

import java.util.List;

/** A ticket in the simulated agent workspace, shaped like the ZAF ticket object the app reads. */
public record SimulatedTicket(long id, String subject, String status, String priority, String createdAt, String description, Requester requester) {

    /** The ticket's requester as ZAF's user object shows it. */
    public record Requester(long id, String name, String email, String externalId, List<Identity> identities) {
    }

    /** One of the requester's identities (email, phone …). */
    public record Identity(String type, String value, boolean primary) {
    }
}
