package io.engagementbridge.zendesk;

import io.engagementbridge.zendesk.Decision.Permit;
import io.engagementbridge.zendesk.Decision.Wait;
import io.engagementbridge.zendesk.GovernorLedger.Claim;
import io.engagementbridge.zendesk.GovernorLedger.Hold;
import io.engagementbridge.zendesk.GovernorLedger.Use;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Every Zendesk budget of one account, together: the account's requests per minute (learned from
 * response headers, under the plan ceiling, paced at 95 % and spread over the minute, though up to 30 bulk
 * job posts may share one second), 5 writes per
 * rolling minute per user and per organization, Update Ticket 100 per minute and 30 per 10 minutes per
 * ticket, 30 bulk jobs at once, and Retry-After. {@link #acquire} hands out a permit or a time to come
 * back; it never sleeps. State lives in the {@link GovernorLedger}, so every worker and replica that
 * shares the ledger shares the budget.
 */
public final class Governor implements ResponseObserver {
    public static final int DEFAULT_PLAN_REQUESTS_PER_MINUTE = 700;
    /** Pace at this share of a limit: the rest absorbs other apps' calls and clock skew between replicas. */
    static final double SAFETY = 0.95;
    static final int WRITES_PER_USER_MINUTE = 5;
    static final int TICKET_UPDATES_PER_MINUTE = 100;
    static final int UPDATES_PER_TICKET = 30;
    static final int CONCURRENT_JOBS = 30;
    /** The per-record windows are a second longer than Zendesk's so network jitter cannot squeeze a sixth write into its minute. */
    static final Duration JITTER = Duration.ofSeconds(1);
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration SECOND = Duration.ofSeconds(1);
    static final Duration TICKET_WINDOW = Duration.ofMinutes(10);
    /** A job slot lapses after this long if its holder never releases it (a crashed worker). */
    static final Duration JOB_LEASE = Duration.ofHours(1);
    /** With the remaining budget unknown beyond "nearly none", look again this soon. */
    static final Duration LOW_BUDGET_PAUSE = Duration.ofSeconds(5);

    private final String account;
    private final int planRequestsPerMinute;
    private final GovernorLedger ledger;
    private final Clock clock;
    private volatile int learnedLimit;

    public Governor(String account, int planRequestsPerMinute, GovernorLedger ledger, Clock clock) {
        if (planRequestsPerMinute < 1) {
            throw new IllegalArgumentException("plan_requests_per_minute must be at least 1, was " + planRequestsPerMinute);
        }
        this.account = account;
        this.planRequestsPerMinute = planRequestsPerMinute;
        this.learnedLimit = planRequestsPerMinute;
        this.ledger = ledger;
        this.clock = clock;
    }

    public String account() {
        return account;
    }

    /** Requests per minute this governor allows the account now: 95 % of the lower of the plan ceiling and Zendesk's X-Rate-Limit. */
    public int requestsPerMinute() {
        return Math.max(1, (int) Math.floor(Math.min(planRequestsPerMinute, learnedLimit) * SAFETY));
    }

    /** A permit for one call of {@code kind} on {@code key} (see {@link WriteKind} for what the key is), or when to ask again. */
    public Decision acquire(WriteKind kind, String key) {
        if (kind != WriteKind.READ && kind != WriteKind.TICKET_CREATE && kind != WriteKind.OTHER_WRITE && (key == null || key.isBlank())) {
            throw new IllegalArgumentException(kind + " needs a key");
        }
        var now = clock.instant();
        var perMinute = requestsPerMinute();
        var claims = new ArrayList<Claim>();
        claims.add(new Use(accountBucket(), perMinute, MINUTE));
        // Spread over the minute: a burst of the whole minute's budget would trip limiters that refill continuously. Bulk jobs
        // are the exception, up to the 30 that may run at once: jobs that end together start their successors together (a
        // round of 30 posts spread over 2.5 s keeps slots idle), and 30 is under 5 % of the minute's budget, which still holds.
        var perSecond = (perMinute + 59) / 60;
        claims.add(new Use(accountBucket() + ":second", kind == WriteKind.BULK_JOB ? Math.max(perSecond, CONCURRENT_JOBS) : perSecond, SECOND));
        switch (kind) {
            case USER_WRITE -> claims.add(new Use(keyBucket(kind, key), WRITES_PER_USER_MINUTE, MINUTE.plus(JITTER)));
            case ORGANIZATION_WRITE -> claims.add(new Use(keyBucket(kind, key), WRITES_PER_USER_MINUTE, MINUTE.plus(JITTER)));
            case TICKET_UPDATE -> {
                claims.add(new Use(ticketUpdatesBucket(), (int) Math.floor(TICKET_UPDATES_PER_MINUTE * SAFETY), MINUTE));
                claims.add(new Use(keyBucket(kind, key), UPDATES_PER_TICKET, TICKET_WINDOW.plus(JITTER)));
            }
            case BULK_JOB -> claims.add(new Hold(jobsBucket(), CONCURRENT_JOBS, key, now.plus(JOB_LEASE)));
            default -> {
            }
        }
        return ledger.tryAcquire(claims, now).<Decision>map(Wait::new).orElseGet(() -> new Permit(account, kind, key, now));
    }

    /**
     * Says the permit's call has been answered. Zendesk counted it when it arrived, which a stalled thread
     * or a slow network can make later than the permit: the use moves to now, so the record's window
     * never ends before Zendesk's does. Call it after every user, organisation and ticket write.
     */
    public void answered(Permit permit) {
        switch (permit.kind()) {
            case USER_WRITE, ORGANIZATION_WRITE, TICKET_UPDATE -> ledger.postpone(keyBucket(permit.kind(), permit.key()), permit.at(), clock.instant());
            default -> {
            }
        }
    }

    /** A permit for one call of {@code kind} on {@code key}, waiting with {@code sleeper} for as long as the budgets say. */
    public Permit await(WriteKind kind, String key, JobPoller.Sleeper sleeper) throws InterruptedException {
        while (true) {
            var decision = acquire(kind, key);
            if (decision instanceof Permit permit) {
                return permit;
            }
            sleeper.sleep(Duration.between(clock.instant(), ((Wait) decision).until()).plusMillis(1));
        }
    }

    /**
     * As {@link #await}, but waiting at most {@code patience} in all: when the budgets say to come back later than that, the
     * {@link Wait} is returned instead, for the caller to hand its work back to the queue rather than hold it past its lease.
     */
    public Decision await(WriteKind kind, String key, JobPoller.Sleeper sleeper, Duration patience) throws InterruptedException {
        var deadline = clock.instant().plus(patience);
        while (true) {
            var decision = acquire(kind, key);
            if (decision instanceof Permit || ((Wait) decision).until().isAfter(deadline)) {
                return decision;
            }
            sleeper.sleep(Duration.between(clock.instant(), ((Wait) decision).until()).plusMillis(1));
        }
    }

    /** Gives back a bulk job's slot once the job finished (completed, failed or killed); a no-op for other permits. */
    public void release(Permit permit) {
        if (permit.kind() == WriteKind.BULK_JOB) {
            ledger.release(jobsBucket(), permit.key());
        }
    }

    /**
     * Learns from every response: the account limit from {@code X-Rate-Limit}, a pause when the remaining
     * budget is nearly gone (other apps spend it too), and for a 429 (or a 503 with Retry-After) a block
     * of exactly Retry-After on the budget that ran out. A 429 for one user's writes names no user: the
     * caller holding the permit reports it with {@link #throttled}.
     */
    @Override
    public void observe(RateLimitSignal signal) {
        var now = clock.instant();
        signal.accountLimit().ifPresent(limit -> learnedLimit = Math.max(1, limit));
        if (signal.accountRemaining().isPresent() && signal.accountLimit().isPresent()
                && signal.accountRemaining().getAsInt() <= (signal.accountLimit().getAsInt() + 59) / 60) {
            ledger.block(accountBucket(), now.plus(signal.resetIn().filter(d -> !d.isZero()).orElse(LOW_BUDGET_PAUSE)));
        }
        if (signal.status() == 429) {
            var until = now.plus(signal.retryAfter().orElse(ZendeskErrors.DEFAULT_RETRY_AFTER));
            switch (signal.exhausted().orElse(ZendeskFailure.Limit.ACCOUNT)) {
                case ACCOUNT -> ledger.block(accountBucket(), until);
                case TICKET_UPDATES -> ledger.block(ticketUpdatesBucket(), until);
                case JOBS -> ledger.block(jobsBucket(), until);
                case USER_WRITES, ENDPOINT -> {
                    // Only the caller knows which user or endpoint: see throttled().
                }
            }
        } else if (signal.status() == 503 && signal.retryAfter().isPresent()) {
            ledger.block(accountBucket(), now.plus(signal.retryAfter().get()));
        }
    }

    /** The call made with {@code permit} got a 429 for its own record (user, organization, ticket): nothing more for that key until Retry-After has passed. */
    public void throttled(Permit permit, Duration retryAfter) {
        switch (permit.kind()) {
            case USER_WRITE, ORGANIZATION_WRITE, TICKET_UPDATE -> ledger.block(keyBucket(permit.kind(), permit.key()), clock.instant().plus(retryAfter));
            default -> ledger.block(accountBucket(), clock.instant().plus(retryAfter));
        }
    }

    private String accountBucket() {
        return "account:" + account;
    }

    private String ticketUpdatesBucket() {
        return "ticket-updates:" + account;
    }

    private String jobsBucket() {
        return "jobs:" + account;
    }

    /** Zendesk matches external ids and e-mails without regard to case, so the budget does too. */
    private String keyBucket(WriteKind kind, String key) {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + account + ":" + key.trim().toLowerCase(Locale.ROOT);
    }
}
