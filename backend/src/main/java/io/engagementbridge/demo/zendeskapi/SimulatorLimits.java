package io.engagementbridge.demo.zendeskapi;

import java.time.Duration;

/**
 * The limits and timings the simulator enforces. Defaults follow Zendesk's documentation (an
 * Enterprise plan's 700 requests per minute); tests shrink them.
 *
 * @param planRequestsPerMinute account limit, counted per fixed clock minute (what {@code ratelimit-reset} counts down to)
 * @param userWritesPerMinute single-user create_or_update / update, per user, over a rolling minute
 * @param ticketUpdatesPerMinute Update Ticket per account, over a rolling minute
 * @param ticketUpdatesPerTicket Update Ticket per ticket, over a rolling ten minutes
 * @param concurrentJobs background jobs queued or working at once
 * @param accessTokenLifetime OAuth access tokens' {@code expires_in}
 * @param refreshTokenLifetime OAuth refresh tokens' {@code refresh_token_expires_in}
 * @param jobQueued how long a job stays queued before it works
 * @param jobWorking how long a job of 100 rows works before it completes (its rows are applied then); a job of n rows works n/100 of it
 * @param webhookTimeout how long a webhook receiver may take before the attempt counts as a timeout
 * @param webhookRetryWaitCap retries wait Retry-After (or one second), at most this long; tests shorten it
 */
public record SimulatorLimits(int planRequestsPerMinute, int userWritesPerMinute, int ticketUpdatesPerMinute,
                              int ticketUpdatesPerTicket, int concurrentJobs, Duration accessTokenLifetime,
                              Duration refreshTokenLifetime, Duration jobQueued, Duration jobWorking,
                              Duration webhookTimeout, Duration webhookRetryWaitCap) {

    public static SimulatorLimits defaults() {
        return new SimulatorLimits(700, 5, 100, 30, 30, Duration.ofMinutes(30), Duration.ofDays(30),
                Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(12), Duration.ofSeconds(60));
    }

    public SimulatorLimits withPlanRequestsPerMinute(int perMinute) {
        return new SimulatorLimits(perMinute, userWritesPerMinute, ticketUpdatesPerMinute, ticketUpdatesPerTicket, concurrentJobs,
                accessTokenLifetime, refreshTokenLifetime, jobQueued, jobWorking, webhookTimeout, webhookRetryWaitCap);
    }

    public SimulatorLimits withTicketUpdates(int perMinute, int perTicket) {
        return new SimulatorLimits(planRequestsPerMinute, userWritesPerMinute, perMinute, perTicket, concurrentJobs,
                accessTokenLifetime, refreshTokenLifetime, jobQueued, jobWorking, webhookTimeout, webhookRetryWaitCap);
    }

    public SimulatorLimits withConcurrentJobs(int jobs) {
        return new SimulatorLimits(planRequestsPerMinute, userWritesPerMinute, ticketUpdatesPerMinute, ticketUpdatesPerTicket, jobs,
                accessTokenLifetime, refreshTokenLifetime, jobQueued, jobWorking, webhookTimeout, webhookRetryWaitCap);
    }

    public SimulatorLimits withJobTimings(Duration queued, Duration working) {
        return new SimulatorLimits(planRequestsPerMinute, userWritesPerMinute, ticketUpdatesPerMinute, ticketUpdatesPerTicket,
                concurrentJobs, accessTokenLifetime, refreshTokenLifetime, queued, working, webhookTimeout, webhookRetryWaitCap);
    }

    public SimulatorLimits withWebhookTimings(Duration timeout, Duration retryWaitCap) {
        return new SimulatorLimits(planRequestsPerMinute, userWritesPerMinute, ticketUpdatesPerMinute, ticketUpdatesPerTicket,
                concurrentJobs, accessTokenLifetime, refreshTokenLifetime, jobQueued, jobWorking, timeout, retryWaitCap);
    }
}
