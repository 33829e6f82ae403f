package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.relay.EngagementTracking.Answered;
import io.engagementbridge.relay.EngagementTracking.Failed;
import io.engagementbridge.relay.EngagementTracking.Project;
import io.engagementbridge.work.Backoff;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.zendesk.JobPoller;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Drains {@code relay_send} work into Engagement's batch endpoint: up to 50 due events per request (at most
 * one per ticket, since the queue keeps each ticket's events in order), each command's result read. An
 * accepted command is done; a command Engagement failed is retried, one it refused as invalid is
 * dead-lettered with Engagement's reason. A 429, 5xx, timeout or unreadable answer retries every command
 * in it (identical, so Engagement discards any it did store) and pauses the sender with jittered backoff;
 * all requests stay under an overall pace, since Engagement limits each source IP.
 */
public final class RelaySender implements AutoCloseable {
    public static final String KIND = "relay_send";
    /** The work that is one relayed event on its way (the sweep is not): what the backlog counts. */
    public static final List<String> EVENT_KINDS = List.of(RelayTicketEvent.KIND, KIND);
    private static final Duration SWEEP_CHECK = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(RelaySender.class);
    private static final Set<String> TRANSIENT_COMMAND_ERRORS = Set.of("internal", "timeout", "timed out", "temporar", "unavailable",
            "try again", "too many");

    /**
     * {@code requestsPerMinute}: the pace for all connections (Engagement allows 6,000 per IP by default; the
     * sidebar shares the IP). {@code linger}: a batch goes when 50 events are due, or when the longest-due event has
     * waited this long; full batches keep Engagement's request count (and its scenario load) low.
     */
    public record Settings(int requestsPerMinute, Duration linger, Duration poll, Duration lease, int maxAttempts, Backoff backoff) {
        public static final Settings DEFAULTS = new Settings(3_000, Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofMinutes(2), 25,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)));

        public Settings withLinger(Duration linger) {
            return new Settings(requestsPerMinute, linger, poll, lease, maxAttempts, backoff);
        }
    }

    /** Told, after Engagement accepted a batch, whose events it now holds: each accepted command's customer ids. */
    @FunctionalInterface
    public interface Accepted {
        void accepted(String projectToken, List<Map<String, String>> customerIds);
    }

    private final WorkRepository work;
    private final ConnectionRepository connections;
    private final EngagementTracking tracking;
    private final ObjectMapper mapper;
    private final RelayMetrics metrics;
    private final Settings settings;
    private final Clock clock;
    private final JobPoller.Sleeper sleeper;
    private final String workerId;
    private final Bucket pace;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Accepted onAccepted = (projectToken, customerIds) -> { };
    private volatile boolean running;
    private Thread thread;
    private int consecutiveFailures;
    private Instant pausedUntil = Instant.MIN;
    private Instant nextSweepCheck = Instant.MIN;

    public RelaySender(WorkRepository work, ConnectionRepository connections, EngagementTracking tracking, ObjectMapper mapper,
                       RelayMetrics metrics, Settings settings, Clock clock, JobPoller.Sleeper sleeper, String workerId) {
        this.work = work;
        this.connections = connections;
        this.tracking = tracking;
        this.mapper = mapper;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.workerId = workerId;
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

    /** Whom to tell about accepted events, e.g. the sidebar's profile cache, so a customer's recent interactions show them. */
    public RelaySender onAccepted(Accepted listener) {
        this.onAccepted = listener;
        return this;
    }

    public void wake() {
        wakeUp.release();
    }

    /**
     * Claims up to 50 due events and sends them, one batch per connection; returns how many were claimed.
     * Waits first while a failure's backoff lasts, and for the pace. For tests and tools.
     */
    public int sendOnce() throws InterruptedException {
        var wait = Duration.between(clock.instant(), pausedUntil);
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
        var items = work.claim(Set.of(KIND), EngagementTracking.MAX_COMMANDS, workerId, clock.instant(), settings.lease());
        var byConnection = new LinkedHashMap<String, List<WorkItem>>();
        items.forEach(item -> byConnection.computeIfAbsent(item.connectionId(), id -> new ArrayList<>()).add(item));
        for (var entry : byConnection.entrySet()) {
            send(entry.getKey(), entry.getValue());
        }
        return items.size();
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
                var now = clock.instant();
                var due = work.due(Set.of(KIND), now);
                var batchReady = due.items() >= EngagementTracking.MAX_COMMANDS
                        || due.oldest().filter(since -> !since.plus(settings.linger()).isAfter(now)).isPresent();
                if (!batchReady || sendOnce() == 0) {
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

    private void send(String connectionId, List<WorkItem> items) throws InterruptedException {
        var connection = connections.find(connectionId);
        var secrets = connections.secrets(connectionId);
        if (connection.isEmpty() || secrets.isEmpty()) {
            items.forEach(item -> deadLetter(item, "connection_removed", "the connection was removed before the event was sent"));
            return;
        }
        var keyId = secrets.get().secrets().engagementKeyId();
        var keySecret = secrets.get().secrets().engagementKeySecret();
        if (keyId == null || keyId.isBlank() || keySecret == null || keySecret.isBlank()) {
            items.forEach(item -> retry(item, "no_credentials", "the connection has no Engagement key pair: add one (engagement.key_id and key_secret)"));
            return;
        }
        var project = new Project(connection.get().engagementBaseUrl(), connection.get().engagementProjectToken(), new Credentials(keyId, keySecret));
        var batch = new ArrayList<WorkItem>();
        var commands = new ArrayList<JsonNode>();
        for (var item : items) {
            try {
                commands.add(mapper.readTree(item.payload()));
                batch.add(item);
            } catch (IOException e) {
                deadLetter(item, "unreadable", "the stored command is not JSON");
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        awaitPace();
        var reply = tracking.batch(project, commands);
        if (reply instanceof Answered answered) {
            consecutiveFailures = 0;
            var accepted = new ArrayList<Long>();
            var customers = new ArrayList<Map<String, String>>();
            for (int i = 0; i < batch.size(); i++) {
                var result = answered.results().get(i);
                var item = batch.get(i);
                if (result.success()) {
                    accepted.add(item.id());
                    customers.add(customerIds(commands.get(i)));
                } else if (transientCommandFailure(result.errors())) {
                    retry(item, "failed_command", "Engagement failed the command: " + String.join("; ", result.errors()));
                } else {
                    deadLetter(item, "validation", "Engagement refused the event: " + (result.errors().isEmpty() ? "no reason given"
                            : String.join("; ", result.errors())));
                }
            }
            work.completeAll(accepted, workerId, clock.instant());
            metrics.sent(accepted.size());
            if (!customers.isEmpty()) {
                onAccepted.accepted(project.projectToken(), customers);
            }
        } else {
            var failed = (Failed) reply;
            batch.forEach(item -> retry(item, failed.kind().name().toLowerCase(Locale.ROOT), failed.reason()));
            consecutiveFailures++;
            var pause = failed.retryAfter().orElseGet(() -> settings.backoff().after(consecutiveFailures));
            pausedUntil = clock.instant().plus(pause);
        }
    }

    private static Map<String, String> customerIds(JsonNode command) {
        var ids = new LinkedHashMap<String, String>();
        command.path("data").path("customer_ids").fields().forEachRemaining(id -> ids.put(id.getKey(), id.getValue().asText()));
        return ids;
    }

    private void awaitPace() throws InterruptedException {
        while (true) {
            var probe = pace.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return;
            }
            sleeper.sleep(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    static boolean transientCommandFailure(List<String> errors) {
        return errors.stream().map(error -> error.toLowerCase(Locale.ROOT))
                .anyMatch(error -> TRANSIENT_COMMAND_ERRORS.stream().anyMatch(error::contains));
    }

    private void retry(WorkItem item, String reasonKind, String reason) {
        if (item.attempts() >= settings.maxAttempts()) {
            deadLetter(item, "gave_up", "gave up after " + item.attempts() + " attempts: " + reason);
            return;
        }
        var now = clock.instant();
        work.retry(item.id(), workerId, now.plus(settings.backoff().after(item.attempts())), reason, now);
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
