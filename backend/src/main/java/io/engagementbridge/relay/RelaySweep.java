package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.ConnectedAccount;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.zendesk.Decision;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;
import io.engagementbridge.zendesk.ZendeskRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The catch-up sweep that makes the relay lossless: Zendesk's incremental ticket events (creations and
 * changes to solved) and satisfaction ratings since the stored cursor, each enqueued as relay work under
 * the same business key the webhook path uses, so an event whose webhook arrived is a no-op and one that
 * never arrived is relayed once. Each run stores the next run, due a {@code relay_sweep_interval} later,
 * with the cursor in its payload: the chain of sweep items is the durable cursor.
 */
public final class RelaySweep implements WorkHandler {
    public static final String KIND = "relay_sweep";
    private static final Logger LOG = LoggerFactory.getLogger(RelaySweep.class);
    /** Zendesk allows 10 incremental exports a minute; a run reads at most this many pages and the next run continues at once. */
    private static final int MAX_PAGES = 5;
    /** Windows overlap by this much, so an event at an edge (or under clock skew) is looked at twice rather than never. */
    private static final Duration OVERLAP = Duration.ofMinutes(5);

    private final ConnectedZendesk zendesk;
    private final WorkRepository work;
    private final ObjectMapper mapper;
    private final RelayMetrics metrics;
    private final Clock clock;
    private final SweepLog log;

    public RelaySweep(ConnectedZendesk zendesk, WorkRepository work, ObjectMapper mapper, RelayMetrics metrics, Clock clock, SweepLog log) {
        this.zendesk = zendesk;
        this.work = work;
        this.mapper = mapper;
        this.metrics = metrics;
        this.clock = clock;
        this.log = log;
    }

    /** The first sweep of a connection, over the last {@code lookBack}; enqueueing it again is a no-op. */
    public static NewWork first(String connectionId, Instant now, Duration lookBack) {
        return sweep(connectionId, now.minus(lookBack).getEpochSecond(), true, "relay_sweep:first");
    }

    /** A one-off sweep from {@code since} (an operator's catch-up); it does not start another chain. */
    public static NewWork once(String connectionId, Instant since, String reason) {
        return sweep(connectionId, since.getEpochSecond(), false, "relay_sweep:once:" + reason);
    }

    private static NewWork sweep(String connectionId, long startTime, boolean chain, String idempotencyKey) {
        return sweep(connectionId, startTime, startTime, chain, idempotencyKey);
    }

    /**
     * {@code startTime}: the incremental ticket events' cursor; {@code ratingsStart}: where the satisfaction ratings' window
     * starts. The ratings have their own cursor: the ticket events' one is Zendesk's, which can run ahead of the end of
     * this run's ratings window, and a rating between the two would never be looked at.
     */
    private static NewWork sweep(String connectionId, long startTime, long ratingsStart, boolean chain, String idempotencyKey) {
        // A one-off sweep has its own line: it must not wait for the chain's next run, which is due only later.
        return new NewWork(connectionId, KIND, chain ? "relay:sweep" : "relay:sweep-once", "{\"start_time\":" + startTime + ",\"ratings_start\":"
                + ratingsStart + ",\"chain\":" + chain + "}", idempotencyKey);
    }

    /** What one run found, and where the next run starts reading ticket events and ratings. */
    record Result(int seen, int recovered, long nextStart, long nextRatingsStart, boolean caughtUp) {
    }

    @Override
    public Outcome handle(WorkItem item) {
        JsonNode payload;
        try {
            payload = mapper.readTree(item.payload());
        } catch (IOException e) {
            return Outcome.deadLetter("the stored sweep is not readable");
        }
        var account = zendesk.find(item.connectionId());
        if (account.isEmpty()) {
            return Outcome.connectionRemoved();
        }
        RelaySettings settings;
        try {
            settings = RelaySettings.of(account.get().connection());
        } catch (RelaySettings.InvalidRelaySettings e) {
            return Outcome.deadLetter(e.getMessage());
        }
        Result result;
        try {
            var startTime = payload.path("start_time").asLong();
            result = sweep(item.connectionId(), account.get(), startTime, payload.path("ratings_start").asLong(startTime));
        } catch (NoReadBudget e) {
            // Waiting for Zendesk's budget is not a failure: the run starts over from the same cursor later, at no attempt's cost.
            return Outcome.postpone(e.wait, "waiting for Zendesk's read budget");
        } catch (ZendeskException e) {
            var failure = e.failure();
            if (failure instanceof ZendeskFailure.RateLimited limited) {
                return Outcome.postpone(limited.retryAfter(), failure.summary());
            }
            return Outcome.of(failure, "the sweep cannot read Zendesk's exports: " + failure.summary() + ": " + failure.hint());
        }
        metrics.sweepRecovered(result.recovered());
        log.record(item.connectionId(), Instant.ofEpochSecond(payload.path("start_time").asLong()), result.seen(), result.recovered(), clock.instant());
        if (result.recovered() > 0) {
            LOG.info("Relay sweep for connection {}: {} ticket events looked at, {} missing ones enqueued", item.connectionId(), result.seen(),
                    result.recovered());
        }
        if (payload.path("chain").asBoolean(false)) {
            var now = clock.instant();
            var next = sweep(item.connectionId(), result.nextStart(), result.nextRatingsStart(), true, "relay_sweep:after:" + item.id());
            work.enqueue(next, now, result.caughtUp() ? now.plus(settings.sweepInterval()) : now);
        }
        return Outcome.DONE;
    }

    /** The governor has no read budget now; asking again after {@code wait} can succeed. */
    private static final class NoReadBudget extends Exception {
        final Duration wait;

        NoReadBudget(Duration wait) {
            super(null, null, false, false);
            this.wait = wait;
        }
    }

    private void read(ConnectedAccount account) throws NoReadBudget {
        if (account.governor().acquire(WriteKind.READ, null) instanceof Decision.Wait wait) {
            throw new NoReadBudget(Duration.between(clock.instant(), wait.until()).plusMillis(1));
        }
    }

    private Result sweep(String connectionId, ConnectedAccount account, long startTime, long ratingsStart) throws NoReadBudget {
        var now = clock.instant();
        int seen = 0;
        int recovered = 0;
        var cursor = startTime;
        var caughtUp = false;
        for (int page = 0; page < MAX_PAGES && !caughtUp; page++) {
            read(account);
            var body = account.client().send(ZendeskRequest.get("/api/v2/incremental/ticket_events", Map.of("start_time", Long.toString(cursor))))
                    .body();
            for (var event : body.path("ticket_events")) {
                for (var found : relayable(event)) {
                    seen++;
                    if (work.enqueue(found.work(connectionId, mapper), now)) {
                        recovered++;
                    }
                }
            }
            var end = body.path("end_time").asLong(cursor);
            caughtUp = body.path("end_of_stream").asBoolean(true) || end <= cursor;
            cursor = Math.max(cursor, end);
        }
        read(account);
        var horizon = now.minusSeconds(60).getEpochSecond();
        var ratingsEnd = Math.max(horizon, ratingsStart + 1);
        var ratings = account.client().listAll("/api/v2/satisfaction_ratings",
                Map.of("score", "received", "start_time", Long.toString(ratingsStart), "end_time", Long.toString(ratingsEnd)),
                "satisfaction_ratings");
        for (var rating : ratings) {
            var at = SupportTicketEvent.seconds(rating.path("updated_at")).or(() -> SupportTicketEvent.seconds(rating.path("created_at")));
            if (at.isEmpty() || !rating.path("ticket_id").canConvertToLong()) {
                continue;
            }
            seen++;
            var event = new RelayTicketEvent(rating.path("ticket_id").asLong(), RelayAction.RATED.wire(), at.get(), null, "sweep", null);
            if (work.enqueue(event.work(connectionId, mapper), now)) {
                recovered++;
            }
        }
        return new Result(seen, recovered, caughtUp ? Math.max(cursor, now.minus(OVERLAP).getEpochSecond()) : cursor,
                Math.max(ratingsStart, ratingsEnd - OVERLAP.getSeconds()), caughtUp);
    }

    /** The relay events one incremental ticket event stands for: a creation, and a change of status to solved. */
    private static java.util.List<RelayTicketEvent> relayable(JsonNode event) {
        var ticketId = event.path("ticket_id").asLong(0);
        var at = event.path("timestamp").asLong(0);
        if (ticketId == 0 || at == 0) {
            return java.util.List.of();
        }
        var found = new java.util.ArrayList<RelayTicketEvent>();
        var created = false;
        var solved = false;
        for (var child : event.path("child_events")) {
            created |= "Create".equals(child.path("event_type").asText());
            solved |= "solved".equals(child.path("status").asText()) || ("status".equals(child.path("field_name").asText())
                    && "solved".equals(child.path("value").asText()));
        }
        if (created || "Create".equals(event.path("event_type").asText())) {
            found.add(new RelayTicketEvent(ticketId, RelayAction.CREATED.wire(), at, null, "sweep", null));
        } else if (solved) {
            // As the "ticket solved" trigger: a change to solved, not a ticket created solved.
            found.add(new RelayTicketEvent(ticketId, RelayAction.SOLVED.wire(), at, null, "sweep", null));
        }
        return found;
    }
}
