package io.engagementbridge.webhook;

import java.time.Instant;
import java.util.Optional;

/**
 * One ticket event as the provisioned trigger sent it: ids and the requester's e-mail only (anything else is
 * read from Zendesk by whoever needs it). {@code invocationId} is Zendesk's, unique per event, so follow-up
 * work keyed on it is enqueued once however often the event is handled.
 */
public record WebhookEvent(TicketEvent type, long ticketId, Optional<Long> requesterId, Optional<String> requesterEmail,
                           String invocationId, Instant receivedAt) {
}
