package io.engagementbridge.ops;

import io.engagementbridge.connection.AuthType;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.connection.ZendeskSecrets;
import io.engagementbridge.observability.Metrics;
import io.engagementbridge.work.KindSummary;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.work.WorkState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What needs an admin's attention: dead letters, a backlog older than {@link #BACKLOG_THRESHOLD}, a Zendesk
 * credential about to stop working or already refused. The admin page shows them as a banner; the same
 * rules feed gauges in /metrics, so an operator can page on them.
 */
final class Alerts {
    static final Duration BACKLOG_THRESHOLD = Duration.ofMinutes(15);
    static final Duration TOKEN_WARNING = Duration.ofDays(30);
    /** Zendesk deactivates every API token on this day. */
    static final Instant API_TOKENS_END = Instant.parse("2027-04-30T00:00:00Z");
    static final String REVOKED_MARK = "401 unauthorized";

    /** One banner line: its kind (dead_letters, backlog, token_expiring, token_revoked) and the numbers it names. */
    record Alert(String kind, Map<String, Object> detail) {
    }

    private Alerts() {
    }

    static List<Alert> of(AuthType auth, ZendeskSecrets zendesk, List<KindSummary> work, List<WorkItem> deadLetters, Instant now) {
        var alerts = new ArrayList<Alert>();
        var dead = work.stream().mapToLong(KindSummary::dead).sum();
        if (dead > 0) {
            alerts.add(new Alert("dead_letters", Map.of("count", dead)));
        }
        work.stream().flatMap(k -> k.oldestUnfinished().stream()).min(Instant::compareTo)
                .map(oldest -> Duration.between(oldest, now))
                .filter(age -> age.compareTo(BACKLOG_THRESHOLD) > 0)
                .ifPresent(age -> alerts.add(new Alert("backlog", Map.of("oldest_minutes", age.toMinutes(),
                        "threshold_minutes", BACKLOG_THRESHOLD.toMinutes()))));
        token(auth, zendesk, deadLetters, now).ifPresent(alerts::add);
        return alerts;
    }

    /**
     * A refused credential (a dead letter says 401), an API token near Zendesk's end date for them, or an
     * access token near expiry that nothing can refresh. OAuth tokens with a refresh token renew themselves.
     */
    static java.util.Optional<Alert> token(AuthType auth, ZendeskSecrets zendesk, List<WorkItem> deadLetters, Instant now) {
        if (deadLetters.stream().anyMatch(item -> item.lastError().orElse("").contains(REVOKED_MARK))) {
            return java.util.Optional.of(new Alert("token_revoked", Map.of()));
        }
        Instant expires = null;
        if (auth == AuthType.API_TOKEN) {
            expires = API_TOKENS_END;
        } else if (auth == AuthType.OAUTH_AUTHORIZATION_CODE && zendesk.refreshToken() == null && zendesk.expiresAt() > 0) {
            expires = Instant.ofEpochSecond(zendesk.expiresAt());
        }
        if (expires != null && Duration.between(now, expires).compareTo(TOKEN_WARNING) < 0) {
            return java.util.Optional.of(new Alert("token_expiring", Map.of("expires_at", expires.toString(),
                    "days_left", Math.max(0, Duration.between(now, expires).toDays()))));
        }
        return java.util.Optional.empty();
    }

    /** The alerts as gauges over every connection: dead letters, a stale backlog (0 or 1), connections whose token needs attention. */
    static void gauges(Metrics metrics, WorkRepository work, ConnectionRepository connections, Clock clock) {
        metrics.gauge("bridge_alert_dead_letters", "Dead-lettered work items waiting for an admin's fix and replay",
                () -> work.countsByState().get(WorkState.DEAD));
        metrics.gauge("bridge_alert_backlog_stale", "1 when the oldest unfinished work item is older than "
                + BACKLOG_THRESHOLD.toMinutes() + " minutes", () -> work.oldestPending()
                .filter(oldest -> Duration.between(oldest, clock.instant()).compareTo(BACKLOG_THRESHOLD) > 0).isPresent() ? 1 : 0);
        metrics.gauge("bridge_alert_tokens_need_attention", "Connections whose Zendesk credential was refused or expires within "
                + TOKEN_WARNING.toDays() + " days", () -> connections.list().stream().filter(c -> connections.secrets(c.id())
                .flatMap(s -> token(c.authType(), s.secrets().zendesk(), work.items(c.id(), WorkState.DEAD, 100), clock.instant()))
                .isPresent()).count());
    }
}
