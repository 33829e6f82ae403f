package io.engagementbridge.demo.zendeskapi;

import java.time.Instant;
import java.util.List;

/**
 * One webhook invocation and its attempts. {@code status}: {@code pending}, {@code success},
 * {@code failed} or {@code dropped} (never sent, as Zendesk may lose an invocation).
 */
public record WebhookInvocation(String id, String webhookId, String body, String status, List<Attempt> attempts) {

    /** One try: the receiver's status code, or 0 with {@code outcome} "timeout" / "connection_failed". */
    public record Attempt(Instant at, int statusCode, String outcome) {
    }
}
