package io.engagementbridge.cdp;

import io.engagementbridge.work.NewWork;

import java.util.Locale;

/**
 * Which work item an accepted message becomes. Writes to one user (identify, audience changes) are one
 * kind, so the queue can fold the pending ones into a single write; events and tickets share the user's
 * ordering key so they follow the writes before them; organisations and ticket updates have their own.
 */
public final class CdpWork {
    public static final String USER_WRITE = "cdp_user_write";
    public static final String TRACK = "cdp_track";
    public static final String GROUP = "cdp_group";
    public static final String TICKET_UPDATE = "cdp_ticket_update";

    /** The kinds a CDP message becomes, e.g. for the backlog gauge. */
    public static final java.util.List<String> MESSAGE_KINDS = java.util.List.of(USER_WRITE, TRACK, GROUP, TICKET_UPDATE);

    private CdpWork() {
    }

    static NewWork of(String connectionId, CdpMessage message) {
        var idempotency = "cdp:" + message.messageId();
        var payload = message.body().toString();
        return switch (message.type()) {
            case "identify" -> new NewWork(connectionId, USER_WRITE, message.userKey(), payload, idempotency);
            case "group" -> new NewWork(connectionId, GROUP, "org:" + message.body().path("groupId").asText().toLowerCase(Locale.ROOT), payload,
                    idempotency);
            default -> switch (message.event()) {
                case Audiences.ENTERED, Audiences.EXITED -> new NewWork(connectionId, USER_WRITE, message.userKey(), payload, idempotency);
                case TrackEvents.TICKET_UPDATED -> new NewWork(connectionId, TICKET_UPDATE, TicketUpdates.orderingKey(message), payload, idempotency);
                default -> new NewWork(connectionId, TRACK, message.userKey(), payload, idempotency);
            };
        };
    }
}
