package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.work.Backoff;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.webhook.WebhookInbox;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Drains relay send work into its target, one lane per target (Engagement's batch endpoint, 50 events a request;
 * Braze's {@code /users/track}, 75): each event's result read. An accepted event is done; one the target failed is
 * retried, one it refused as invalid is dead-lettered with the target's reason. A failed request (429, 5xx, timeout,
 * unreadable answer) retries every event in it (identical, so Engagement discards any it did store) and pauses the lane
 * with jittered backoff; each lane keeps an overall pace, since Engagement limits each source IP.
 *
 * <p>Requests are few and full: a lane sends when a batch's worth of events can go (at most one per ticket, so each
 * ticket's events stay in order), or when the longest-due event has waited the linger. A part-full batch goes sooner
 * only while the flow is light (the lane sent less than a batch's worth within the last linger), once it has gone
 * quiet (no event has fallen due for {@link #QUIET}, or the linger if shorter) and nothing that could join is on its
 * way (no webhook event in hand, no ticket read in hand for a ticket without an event already waiting, no retried event
 * due within the linger). A busy flow's events wait for company instead: between two arrivals, or while Zendesk's
 * budget holds its webhooks back, nothing is in hand, yet more is coming. A failed request's events all come back at
 * the lane's resume time, together, so they go out again as one full batch. The sender runs on its clock alone: it
 * never sleeps a pause or a pace, it looks again every {@code poll}.
 */
public final class RelaySender implements AutoCloseable {
    public static final String KIND = "relay_send";
    /** The work that is one relayed event on its way (the sweep is not): what the backlog counts. */
    public static final List<String> EVENT_KINDS = List.of(RelayTicketEvent.KIND, KIND, BrazeTarget.KIND);
    /** Work that becomes send work soon: stored webhook deliveries and ticket reads. */
    private static final List<String> UPSTREAM_KINDS = List.of(WebhookInbox.KIND, RelayTicketEvent.KIND);
    private static final List<String> SEND_KINDS = List.of(KIND, BrazeTarget.KIND);
    private static final Duration SWEEP_CHECK = Duration.ofMinutes(1);
    /** How long no event may fall due before a part-full batch goes (capped by the linger): a lone event's added wait. */
    static final Duration QUIET = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(RelaySender.class);

    /**
     * {@code requestsPerMinute}: each lane's pace for all connections (Engagement allows 6,000 per IP by default; the
     * sidebar shares the IP). {@code linger}: how long a due event may wait for a fuller batch while more events are on
     * their way (it bounds the latency a busy flow adds). {@code poll}: how often an idle sender looks again (wall clock).
     */
    public record Settings(int requestsPerMinute, Duration linger, Duration poll, Duration lease, int maxAttempts, Backoff backoff) {
        public static final Settings DEFAULTS = new Settings(3_000, Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofMinutes(2), 25,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)));

        public Settings withLinger(Duration linger) {
            return new Settings(requestsPerMinute, linger, poll, lease, maxAttempts, backoff);
        }
    }

    /** Told, after Engagement accepted a batch, whose events of which type it now holds: each accepted command's customer ids. */
    @FunctionalInterface
    public interface Accepted {
        void accepted(String projectToken, String eventType, List<Map<String, String>> customerIds);
    }

    private final WorkRepository work;
    private final ConnectionRepository connections;
    private final ObjectMapper mapper;
    private final RelayMetrics metrics;
    private final Settings settings;
    private final Clock clock;
    private final String workerId;
    private final List<Lane> lanes;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Accepted onAccepted = (projectToken, eventType, customerIds) -> { };
    private volatile boolean running;
    private Thread thread;
    private Instant nextSweepCheck = Instant.MIN;

    public RelaySender(WorkRepository work, ConnectionRepository connections, EngagementTracking engagement, BrazeTracking braze, ObjectMapper mapper,
                       RelayMetrics metrics, Settings settings, Clock clock, String workerId) {
        this.work = work;
        this.connections = connections;
        this.mapper = mapper;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.workerId = workerId;
        this.lanes = List.of(new Lane(new EngagementTarget(engagement)), new Lane(new BrazeTarget(braze)));
    }

    /** One target's line of sends: its pause after failures and its pace. */
    private final class Lane {
        final RelayTarget target;
        final Bucket pace;
        final ArrayDeque<Sent> sent = new ArrayDeque<>();
        int consecutiveFailures;
        Instant pausedUntil = Instant.MIN;

        Lane(RelayTarget target) {
            this.target = target;
            var perMinute = settings.requestsPerMinute();
            this.pace = Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(Math.max(1, perMinute / 60)).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                    .withCustomTimePrecision(new TimeMeter() {
                        @Override
                        public long currentTimeNanos() {
                            var now = clock.instant();
                            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                        }

                        @Override
                        public boolean isWallClockBased() {
                            return false;
                        }
                    })
                    .build();
        }

        /** Sends one batch if one should go now; returns how many events it claimed. */
        int tick() {
            var now = clock.instant();
            if (now.isBefore(pausedUntil)) {
                return 0;
            }
            var heads = work.dueHeads(List.of(target.kind()), now);
            if (heads.items() == 0) {
                return 0;
            }
            var quiet = settings.linger().compareTo(QUIET) < 0 ? settings.linger() : QUIET;
            var ready = heads.items() >= target.maxBatch()
                    || heads.oldest().filter(since -> !since.plus(settings.linger()).isAfter(now)).isPresent()
                    || !busy(now) && heads.newest().filter(since -> !since.plus(quiet).isAfter(now)).isPresent() && !moreOnTheWay(now);
            if (!ready || !pace.tryConsume(1)) {
                return 0;
            }
            var events = sendBatch(now);
            sent.addLast(new Sent(now, events));
            forgetSentBefore(now.minus(settings.linger()));
            return events;
        }

        /** Whether this lane sent a batch's worth of events within the last linger: a busy flow, which fills the next batch too. */
        private boolean busy(Instant now) {
            forgetSentBefore(now.minus(settings.linger()));
            return sent.stream().mapToInt(Sent::events).sum() >= target.maxBatch();
        }

        /** Also on every send: a flow of full batches never asks {@link #busy}, and the record must not grow with it. */
        private void forgetSentBefore(Instant since) {
            while (!sent.isEmpty() && !sent.peekFirst().at().isAfter(since)) {
                sent.removeFirst();
            }
        }

        /**
         * Whether events that could join this batch will be due within the linger: webhook events or reads in hand (a read for a
         * ticket whose event already waits does not count: its event would queue behind that one), or retries waiting out a backoff.
         */
        private boolean moreOnTheWay(Instant now) {
            var horizon = now.plus(settings.linger());
            return work.inHandWithoutWaitingFollowUp(UPSTREAM_KINDS, horizon, RelayTicketEvent.READ_LINE, SEND_KINDS, RelayTicketEvent.SEND_LINE) > 0
                    || work.notYetDue(List.of(target.kind()), now).oldest().filter(due -> !due.isAfter(horizon)).isPresent();
        }

        private int sendBatch(Instant now) {
            var items = work.claim(Set.of(target.kind()), target.maxBatch(), workerId, now, settings.lease());
            var byConnection = new LinkedHashMap<String, List<WorkItem>>();
            items.forEach(item -> byConnection.computeIfAbsent(item.connectionId(), id -> new ArrayList<>()).add(item));
            byConnection.forEach(this::send);
            return items.size();
        }

        private void send(String connectionId, List<WorkItem> items) {
            var connection = connections.find(connectionId);
            var secrets = connections.secrets(connectionId);
            if (connection.isEmpty() || secrets.isEmpty()) {
                items.forEach(item -> deadLetter(item, Outcome.CONNECTION_REMOVED_KIND, Outcome.CONNECTION_REMOVED));
                return;
            }
            var batch = new ArrayList<WorkItem>();
            var events = new ArrayList<JsonNode>();
            for (var item : items) {
                try {
                    events.add(mapper.readTree(item.payload()));
                    batch.add(item);
                } catch (IOException e) {
                    deadLetter(item, "unreadable", "the stored event is not JSON");
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            var delivery = target.deliver(connection.get(), secrets.get().secrets(), events);
            if (delivery instanceof RelayTarget.Answered answered) {
                consecutiveFailures = 0;
                var accepted = new ArrayList<Long>();
                var customers = new ArrayList<Map<String, String>>();
                for (int i = 0; i < batch.size(); i++) {
                    var result = answered.results().get(i);
                    var item = batch.get(i);
                    switch (result.fate()) {
                        case ACCEPTED -> {
                            accepted.add(item.id());
                            customers.add(customerIds(events.get(i)));
                        }
                        case RETRY -> retry(item, "failed_command", result.reason());
                        case INVALID -> deadLetter(item, "validation", result.reason());
                    }
                }
                work.completeAll(accepted, workerId, clock.instant());
                metrics.sent(accepted.size());
                if (target.kind().equals(KIND) && !customers.isEmpty()) {
                    onAccepted.accepted(connection.get().engagementProjectToken(), SupportTicketEvent.EVENT_TYPE, customers);
                }
                return;
            }
            var failed = (RelayTarget.Failed) delivery;
            var failedAt = clock.instant();
            if (failed.targetTrouble()) {
                consecutiveFailures++;
            }
            // One resume time for the whole request, so its events fall due together and go out again as one batch: the
            // lane's backoff when the target is in trouble, else (this connection's request was refused) the events' own.
            var backoffSteps = failed.targetTrouble() ? consecutiveFailures : batch.stream().mapToInt(WorkItem::attempts).max().orElse(1);
            var resumeAt = failedAt.plus(failed.retryAfter().orElseGet(() -> settings.backoff().after(backoffSteps)));
            if (failed.targetTrouble()) {
                pausedUntil = resumeAt;
            }
            for (var item : batch) {
                if (failed.throttled()) {
                    // The target's rate limit: nothing was attempted, so it costs no attempt.
                    work.postpone(item.id(), workerId, resumeAt, failed.reason(), failedAt);
                    metrics.retried(1, failed.reasonKind());
                } else {
                    retryAt(item, failed.reasonKind(), failed.reason(), resumeAt);
                }
            }
        }
    }

    /** A batch a lane sent: when, and how many events. */
    private record Sent(Instant at, int events) {
    }

    public synchronized RelaySender start() {
        if (running) {
            return this;
        }
        running = true;
        thread = new Thread(this::loop, "relay-sender-" + workerId);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Whom to tell about events Engagement accepted, e.g. the sidebar's profile cache, so a customer's recent interactions show them. */
    public RelaySender onAccepted(Accepted listener) {
        this.onAccepted = listener;
        return this;
    }

    private static Map<String, String> customerIds(JsonNode command) {
        var ids = new LinkedHashMap<String, String>();
        command.path("data").path("customer_ids").fields().forEachRemaining(id -> ids.put(id.getKey(), id.getValue().asText()));
        return ids;
    }

    public void wake() {
        wakeUp.release();
    }

    /**
     * Starts the chain of catch-up sweeps of each connection whose events webhook is provisioned (a no-op once it has
     * started); a connection without one sends no events to relay.
     */
    public void startSweeps() {
        var now = clock.instant();
        for (var connection : connections.list()) {
            if (connection.settings().path(Provisioning.SETTING).path("webhook").asText("").isEmpty()) {
                continue;
            }
            Duration interval;
            try {
                interval = RelaySettings.of(connection).sweepInterval();
            } catch (RelaySettings.InvalidRelaySettings e) {
                interval = RelaySettings.DEFAULT_SWEEP_INTERVAL;
            }
            work.enqueue(RelaySweep.first(connection.id(), now, interval), now);
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!clock.instant().isBefore(nextSweepCheck)) {
                    startSweeps();
                    nextSweepCheck = clock.instant().plus(SWEEP_CHECK);
                }
                var claimed = 0;
                for (var lane : lanes) {
                    claimed += lane.tick();
                }
                if (claimed == 0) {
                    wakeUp.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Relay sender: work queue unavailable ({}); retrying in {} ms", e.getClass().getSimpleName(), settings.poll().toMillis());
                try {
                    Thread.sleep(settings.poll().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** An event the target failed on its own: it backs off by its own attempts. */
    private void retry(WorkItem item, String reasonKind, String reason) {
        retryAt(item, reasonKind, reason, clock.instant().plus(settings.backoff().after(item.attempts())));
    }

    private void retryAt(WorkItem item, String reasonKind, String reason, Instant nextAttempt) {
        if (item.attempts() >= settings.maxAttempts()) {
            deadLetter(item, "gave_up", "gave up after " + item.attempts() + " attempts: " + reason);
            return;
        }
        work.retry(item.id(), workerId, nextAttempt, reason, clock.instant());
        metrics.retried(1, reasonKind);
    }

    private void deadLetter(WorkItem item, String reasonKind, String reason) {
        work.deadLetter(item.id(), workerId, reason, clock.instant());
        metrics.deadLettered(reasonKind);
        LOG.warn("Relay: event #{} of connection {} dead-lettered ({}); its reason is in the dead letters", item.id(), item.connectionId(), reasonKind);
    }

    @Override
    public synchronized void close() {
        running = false;
        wake();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
