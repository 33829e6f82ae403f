package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.webhook.WebhookEvent;
import io.engagementbridge.webhook.WebhookEventListener;
import io.engagementbridge.work.NewWork;

import java.util.List;

/** Turns each ticket event from the inbox into relay work, keyed by the event's business key (see {@link RelayTicketEvent}). */
public final class RelayListener implements WebhookEventListener {
    private final ObjectMapper mapper;

    public RelayListener(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public List<NewWork> onEvent(String connectionId, WebhookEvent event) {
        var action = RelayAction.fromEventType(event.type().name());
        if (action.isEmpty()) {
            return List.of();
        }
        var relayed = new RelayTicketEvent(event.ticketId(), action.get().wire(), event.ticketUpdatedAt().map(at -> at.getEpochSecond()).orElse(null),
                event.requesterEmail().orElse(null), "webhook", event.invocationId());
        return List.of(relayed.work(connectionId, mapper));
    }
}
