package io.engagementbridge.relay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.work.NewWork;

import java.util.Optional;

/**
 * One ticket event to relay, as the webhook or the sweep saw it: ids, the action, and when it happened
 * in Zendesk (seconds) when known. Its {@link #businessKey} is the same on both paths, so the store's
 * idempotency key lets exactly one of them through.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RelayTicketEvent(@JsonProperty("ticket_id") long ticketId,
                               @JsonProperty("action") String action,
                               @JsonProperty("occurred_at") Long occurredAt,
                               @JsonProperty("requester_email") String requesterEmail,
                               @JsonProperty("source") String source,
                               @JsonProperty("invocation_id") String invocationId) {

    public static final String KIND = "relay_ticket_event";
    /** The lines, per ticket, that its reads and its sends wait in (followed by the ticket id). */
    static final String READ_LINE = "relay:read:";
    static final String SEND_LINE = "relay:ticket:";

    public RelayAction relayAction() {
        return RelayAction.fromWire(action).orElseThrow(() -> new IllegalArgumentException("unknown relay action " + action));
    }

    /**
     * {@code relay:<ticket>:created} (a ticket is created once), else {@code relay:<ticket>:<action>:<seconds>}
     * with Zendesk's time of the change; a webhook without that time falls back to its invocation id.
     */
    public String businessKey() {
        return businessKey(ticketId, relayAction(), Optional.ofNullable(occurredAt))
                .orElseGet(() -> "relay:" + ticketId + ":" + action + ":invocation:" + invocationId);
    }

    static Optional<String> businessKey(long ticketId, RelayAction action, Optional<Long> occurredAt) {
        if (action == RelayAction.CREATED) {
            return Optional.of("relay:" + ticketId + ":created");
        }
        return occurredAt.map(seconds -> "relay:" + ticketId + ":" + action.wire() + ":" + seconds);
    }

    /** The durable work that reads this ticket and turns the event into an Engagement command, in order per ticket. */
    public NewWork work(String connectionId, ObjectMapper mapper) {
        try {
            return new NewWork(connectionId, KIND, READ_LINE + ticketId, mapper.writeValueAsString(this), businessKey());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a relay event always serialises", e);
        }
    }

    /**
     * The line a ticket's commands wait in (reads wait in their own, {@code relay:read:<ticket>}, so reading the next
     * event never waits for Engagement): commands are enqueued in the order their reads finish, and sent in that order.
     */
    static String orderingKey(long ticketId) {
        return SEND_LINE + ticketId;
    }
}
