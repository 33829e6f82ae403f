package io.engagementbridge.connection;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Optional;

/**
 * One Zendesk account linked to one Engagement project, without its secrets (those are read only
 * when a worker needs them, see {@link ConnectionRepository#secrets}). {@code settings} holds the
 * write settings (plan ceiling, tier rules, relay target, …) as JSON.
 */
public record Connection(
        String id,
        String name,
        String zendeskUrl,
        AuthType authType,
        String engagementBaseUrl,
        String engagementProjectToken,
        Optional<String> installationKey,
        ObjectNode settings,
        Instant createdAt) {

    public static final int DEFAULT_PLAN_REQUESTS_PER_MINUTE = 700;

    public int planRequestsPerMinute() {
        return settings.path("plan_requests_per_minute").asInt(DEFAULT_PLAN_REQUESTS_PER_MINUTE);
    }
}
