package io.engagementbridge.webhook;

import java.time.Instant;
import java.util.Optional;

/**
 * One ticket event as the provisioned trigger sent it: ids and the requester's e-mail only (anything else is
 * read from Zendesk by whoever needs it). {@code invocationId} is Zendesk's, unique per event, so follow-up
 * work keyed on it is enqueued once however often the event is handled. {@code ticketUpdatedAt} is the ticket's
 * updated_at when the trigger fired (Zendesk's time of the change), which the catch-up sweep sees too.
 */
public record WebhookEvent(TicketEvent type, long ticketId, Optional<Long> requesterId, Optional<String> requesterEmail,
                           String invocationId, Instant receivedAt, Optional<Instant> ticketUpdatedAt) {

    /** An event whose body did not say when the ticket changed. */
    public WebhookEvent(TicketEvent type, long ticketId, Optional<Long> requesterId, Optional<String> requesterEmail, String invocationId,
                        Instant receivedAt) {
        this(type, ticketId, requesterId, requesterEmail, invocationId, receivedAt, Optional.empty());
    }
}
