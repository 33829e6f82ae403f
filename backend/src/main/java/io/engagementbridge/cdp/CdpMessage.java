package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Locale;

/**
 * One accepted Segment-spec message: its id, type, the user it is about ({@code userId} and/or
 * e-mail), the time its sender gave (else when it arrived) and the message itself.
 */
public record CdpMessage(String messageId, String type, String userId, String email, Instant sentAt, ObjectNode body) {

    /** Orders and budgets the writes to one Zendesk user: its external id, else its e-mail. */
    public String userKey() {
        return userId != null ? "user:" + userId.toLowerCase(Locale.ROOT) : "email:" + email.toLowerCase(Locale.ROOT);
    }

    /** The id the governor's per-user budget is kept under (external_id, else e-mail). */
    public String budgetKey() {
        return userId != null ? userId : email;
    }

    public String event() {
        return body.path("event").asText("");
    }
}
