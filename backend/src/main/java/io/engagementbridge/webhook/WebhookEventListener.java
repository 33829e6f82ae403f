package io.engagementbridge.webhook;

import io.engagementbridge.work.NewWork;

import java.util.List;

/** A feature that acts on ticket events (tiering, relay): says what durable work each event calls for. */
@FunctionalInterface
public interface WebhookEventListener {
    /**
     * Follow-up work; its idempotency keys must derive from the event (e.g. its invocation id) so a retry adds nothing.
     * Use an ordering key of your own (e.g. {@code relay:ticket:<id>}): the inbox's line {@code ticket:<id>} waits behind anything sharing it.
     */
    List<NewWork> onEvent(String connectionId, WebhookEvent event);
}
