package io.engagementbridge.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Handles what {@link WebhookInbox} stored: reads the event and enqueues every listener's follow-up work.
 * Enqueueing is idempotent, so a crash between enqueueing and completing only repeats harmless no-ops.
 * A body our triggers never send is dead-lettered with what was wrong, for the admin to see.
 */
public final class WebhookEvents implements WorkHandler {
    private static final String INVOCATION_PREFIX = "invocation:";

    private final WorkRepository work;
    private final List<WebhookEventListener> listeners;
    private final ObjectMapper mapper;
    private final Clock clock;

    public WebhookEvents(WorkRepository work, List<WebhookEventListener> listeners, ObjectMapper mapper, Clock clock) {
        this.work = work;
        this.listeners = List.copyOf(listeners);
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Outcome handle(WorkItem item) {
        JsonNode body;
        try {
            body = mapper.readTree(item.payload());
        } catch (IOException e) {
            return Outcome.deadLetter("the webhook body is not JSON");
        }
        var type = TicketEvent.ofType(body.path("event").asText(""));
        if (type.isEmpty()) {
            return Outcome.deadLetter("unknown event \"" + abbreviate(body.path("event").asText("")) + "\": the bridge's triggers send "
                    + "ticket_created, ticket_solved or satisfaction_rated; check any trigger you pointed at this webhook");
        }
        var ticketId = number(body.path("ticket_id"));
        if (ticketId.isEmpty()) {
            return Outcome.deadLetter("the event has no numeric ticket_id: check the trigger's webhook body");
        }
        var invocation = item.idempotencyKey().startsWith(INVOCATION_PREFIX)
                ? item.idempotencyKey().substring(INVOCATION_PREFIX.length()) : item.idempotencyKey();
        var email = body.path("requester_email").asText("").trim();
        var event = new WebhookEvent(type.get(), ticketId.get(), number(body.path("requester_id")),
                email.isEmpty() ? Optional.empty() : Optional.of(email), invocation, item.createdAt());
        var now = clock.instant();
        for (var listener : listeners) {
            listener.onEvent(item.connectionId(), event).forEach(next -> work.enqueue(next, now));
        }
        return Outcome.DONE;
    }

    private static Optional<Long> number(JsonNode node) {
        var text = node.asText("").trim();
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
