package io.engagementbridge.demo.zendeskapi;

import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every limit the simulator enforces, each refusal a 429 with Retry-After counted by limit name. The
 * account limit counts per fixed clock minute; the endpoint limits are rolling windows.
 */
final class ApiLimiter {
    private static final String USER_WRITES = "user-write:";
    private static final String USER_LIMIT_HEADER = "Zendesk-RateLimit-create-update-user";
    private static final int ORGANIZATION_UPDATES_PER_MINUTE = 5;
    private static final int INCREMENTAL_EXPORTS_PER_MINUTE = 10;

    private final Supplier<SimulatorLimits> limits;
    private final SimulatorStats stats;
    private final FixedMinuteWindow accountWindow = new FixedMinuteWindow();
    private final RollingWindows rollingWindows = new RollingWindows();

    ApiLimiter(Supplier<SimulatorLimits> limits, SimulatorStats stats) {
        this.limits = limits;
        this.stats = stats;
    }

    /** The account limit, with its headers on every admitted or refused response. */
    void account(Context ctx, Instant now) {
        var budget = accountWindow.take(now, limits.get().planRequestsPerMinute());
        ctx.header("X-Rate-Limit", String.valueOf(budget.total()));
        ctx.header("X-Rate-Limit-Remaining", String.valueOf(budget.remaining()));
        ctx.header("ratelimit-limit", String.valueOf(budget.total()));
        ctx.header("ratelimit-remaining", String.valueOf(budget.remaining()));
        ctx.header("ratelimit-reset", String.valueOf(budget.resetsInSeconds()));
        if (!budget.admitted()) {
            throw refuse("account", budget.resetsInSeconds(),
                    ApiError.envelope("APIRateLimitExceeded", "Number of allowed API requests per minute exceeded"));
        }
    }

    /** Single-user create_or_update / update: 5 per user per rolling minute, with Zendesk's header and plain-text 429. */
    void userWrite(Call call, String key) {
        var budget = rollingWindows.take(USER_WRITES + key, call.now(), limits.get().userWritesPerMinute(), Duration.ofMinutes(1));
        call.ctx().header(USER_LIMIT_HEADER, "total=" + budget.total() + "; remaining=" + budget.remaining() + "; resets=" + budget.resetsInSeconds());
        if (!budget.admitted()) {
            throw refuse("user_create_update", budget.resetsInSeconds(),
                    "You have exceeded the rate limit for updating a single unique user. user email:  id:  external_id: ");
        }
    }

    /** Counts a write that created a user against that user's own budget (later writes are keyed by its id). */
    void createdUser(long userId, Instant now) {
        rollingWindows.record(USER_WRITES + "user:" + userId, now);
    }

    /** Update Ticket: per user per ticket over a rolling ten minutes, then per account over a rolling minute. */
    void ticketUpdate(Call call, long ticketId) {
        var perTicket = rollingWindows.take("ticket-update:" + call.caller().subject() + ":" + ticketId, call.now(),
                limits.get().ticketUpdatesPerTicket(), Duration.ofMinutes(10));
        if (!perTicket.admitted()) {
            throw refuse("ticket_update_ticket", perTicket.resetsInSeconds(),
                    ApiError.envelope("APIRateLimitExceeded", "Number of allowed updates to this ticket per 10 minutes exceeded"));
        }
        var account = rollingWindows.take("ticket-update:account", call.now(), limits.get().ticketUpdatesPerMinute(), Duration.ofMinutes(1));
        if (!account.admitted()) {
            throw refuse("ticket_update_account", account.resetsInSeconds(),
                    ApiError.envelope("APIRateLimitExceeded", "Number of allowed ticket updates per minute exceeded"));
        }
    }

    /** Update Organization: 5 per minute per organization. */
    void organizationUpdate(Call call, long organizationId) {
        var budget = rollingWindows.take("org-update:" + organizationId, call.now(), ORGANIZATION_UPDATES_PER_MINUTE, Duration.ofMinutes(1));
        if (!budget.admitted()) {
            throw refuse("organization_update", budget.resetsInSeconds(),
                    ApiError.envelope("APIRateLimitExceeded", "Number of allowed organization updates per minute exceeded"));
        }
    }

    /** Incremental exports: 10 per minute. */
    void incrementalExport(Call call) {
        var budget = rollingWindows.take("incremental", call.now(), INCREMENTAL_EXPORTS_PER_MINUTE, Duration.ofMinutes(1));
        if (!budget.admitted()) {
            throw refuse("incremental_export", budget.resetsInSeconds(),
                    ApiError.envelope("APIRateLimitExceeded", "Number of allowed incremental export API requests per minute exceeded"));
        }
    }

    /** At most {@link SimulatorLimits#concurrentJobs()} jobs queued or working. */
    void jobSlot(Call call, Jobs jobs) {
        var max = limits.get().concurrentJobs();
        if (jobs.active(call.now()) >= max) {
            throw refuse("jobs", jobs.secondsUntilSlot(call.now()),
                    ApiError.envelope("TooManyJobs", "Number of allowed concurrent jobs (" + max + ") exceeded"));
        }
    }

    private ApiError refuse(String limit, long retryAfter, Object body) {
        stats.countRateLimited(limit);
        return new ApiError(429, body, Map.of("Retry-After", String.valueOf(retryAfter)));
    }

    /** The most single-user writes Zendesk admitted for one user within any rolling minute. */
    int peakUserWritesPerMinute() {
        return rollingWindows.peak(USER_WRITES);
    }
}
