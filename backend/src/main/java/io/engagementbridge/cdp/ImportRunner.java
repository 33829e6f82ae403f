package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.zendesk.Decision;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.JobStatus;
import io.engagementbridge.zendesk.RowOutcome;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskClient;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs a stored import to its end: pending rows go to {@code users/create_or_update_many} 100 at a time
 * with up to 30 jobs in flight (the governor's job slots), every job polled and each row's outcome
 * recorded; or, with bulk off, one paced create_or_update per row. The store is used from the run's
 * thread only; posts go out on their own threads, and the jobs in flight are polled together, just before
 * the earliest should be done, so a finished job's slot gets its next batch within a fraction of a second. Rows go out
 * in rounds of one job per slot, and the last round gives fewer rows to slots that free later, so its jobs end together.
 * A batch is marked as sending before it is posted, so after a crash it is found again: adopted when Zendesk lists a job
 * holding exactly its users, sent again only when Zendesk never received it. A row whose values this bridge already
 * wrote is skipped as unchanged.
 */
public final class ImportRunner {
    static final Duration POLL_PAUSE = Duration.ofSeconds(1);
    /** Polls come at least this far apart: posts and polls together stay well inside the account's budget of about 11 a second. */
    static final Duration MIN_POLL_GAP = Duration.ofMillis(200);
    static final Duration MAX_POLL_GAP = Duration.ofSeconds(30);
    /** The longest the run's thread waits before looking at answered posts again. */
    static final Duration TICK = Duration.ofMillis(50);
    /** Posts travel on their own threads, so a slow answer holds up neither polling nor the next post. */
    static final int POSTERS = 8;
    /** Jobs that end together free their slots together: a whole round of batches is converted and marked before then, so no freed slot waits for a conversion. */
    static final int PREPARED_AHEAD = 30;
    static final Duration REPORT_EVERY = Duration.ofMillis(500);
    /** Zendesk runs at most 30 background jobs of an account at once; the governor holds the slots. */
    static final int MAX_JOBS_IN_FLIGHT = 30;
    private static final int MISSING_FIELDS_SAMPLE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
    /** How long an in-doubt batch's possible job is waited for before deciding it was never received. */
    static final Duration IN_DOUBT_PATIENCE = Duration.ofMinutes(30);

    /** Told after every step; {@code settled} rows of {@code total} have an outcome. */
    @FunctionalInterface
    public interface Progress {
        void update(int settled, int total);
    }

    /** Bulk imports are disabled on the account (403): nothing more was sent; the message says how to enable them or use --no-bulk. */
    public static final class BulkDisabled extends RuntimeException {
        BulkDisabled(String message) {
            super(message, null, false, false);
        }
    }

    /** The import cannot run: its connection is gone or Zendesk refuses the credentials. */
    public static final class CannotRun extends RuntimeException {
        CannotRun(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A posted job of {@code rows} rows; {@code sentAt} is just before its post left, so a job seen finished at t took at most
     * t − sentAt. Null for a job an earlier run posted: when it left is not known.
     */
    private record InFlight(int batch, String jobId, Decision.Permit permit, Instant sentAt, int rows) {
    }

    /** A batch converted and marked as sending: the rows, in the order of the users posted for them. */
    private record Prepared(int batch, List<ImportStore.StoredRow> rows, List<ObjectNode> users) {
    }

    /** A post's answer: the job, or Zendesk's refusal, or an unexpected error. */
    private record Posted(Prepared prepared, Decision.Permit permit, Instant sentAt, JobStatus job, ZendeskFailure failure, RuntimeException error) {
    }

    private final ImportStore store;
    private final CdpConnections connections;
    private final ImportUsers users;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final JobPoller.Sleeper sleeper;
    private final MissingFields missingFields;

    ImportRunner(ImportStore store, CdpConnections connections, ObjectMapper mapper, Clock clock, JobPoller.Sleeper sleeper) {
        this.missingFields = new MissingFields(new FieldCatalog(clock), mapper);
        this.store = store;
        this.connections = connections;
        this.users = new ImportUsers(mapper);
        this.mapper = mapper;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Runs until every row has an outcome (or {@code until} has passed: then false, and running again continues). */
    boolean run(String importId, boolean bulk, Instant until, Progress progress) throws InterruptedException {
        var imported = store.find(importId).orElseThrow(() -> new CannotRun("no import " + importId));
        if (imported.finished()) {
            return true;
        }
        store.resume(importId, clock.instant());
        var target = connections.target(imported.connectionId())
                .orElseThrow(() -> new CannotRun("connection " + imported.connectionId() + " does not exist (any more): list them with 'connections list'"));
        List<JsonNode> fields;
        try {
            target.await(WriteKind.READ, "fields");
            fields = target.client().listUserFields();
            if (target.settings().createMissingFields() && createMissingFields(imported, target, fields)) {
                target.await(WriteKind.READ, "fields");
                fields = target.client().listUserFields();
            }
        } catch (ZendeskException e) {
            throw new CannotRun("Zendesk refused to list the user fields: " + e.failure().hint());
        }
        var poller = new JobPoller(target.client(), target.governor(), clock, sleeper);
        var run = new Run(imported, target, fields, poller, progress);
        return bulk ? run.bulk(until) : run.single(until);
    }

    /**
     * Under {@code cdp.create_missing_fields}, the fields the import's traits lack are created before its first batch, judged
     * from a sample of its pending rows (an input's rows share their columns); true when any was created.
     */
    private boolean createMissingFields(ImportStore.Stored imported, CdpConnections.Target target, List<JsonNode> fields) throws InterruptedException {
        var sample = new LinkedHashMap<Long, CdpMessage>();
        for (var row : store.rows(imported.id(), Optional.of(ImportStatus.PENDING), 1, MISSING_FIELDS_SAMPLE)) {
            try {
                sample.put((long) row.number(), SegmentMessages.stored(mapper.readTree(row.message()), clock.instant()));
            } catch (IOException | IllegalStateException e) {
                // A row that no longer reads is failed when its batch is built; it tells nothing about fields.
            }
        }
        var notes = missingFields.create(target, sample, fields, true);
        notes.values().stream().flatMap(List::stream).distinct().forEach(note -> LOG.info("Import {}: {}", imported.id(), note));
        return !notes.isEmpty();
    }

    private final class Run {
        private final ImportStore.Stored imported;
        private final CdpConnections.Target target;
        private final ZendeskClient client;
        private final List<JsonNode> fields;
        private final JobPoller poller;
        private final Progress progress;
        private final CdpSettings settings;
        private final Map<String, InFlight> inFlight = new LinkedHashMap<>();
        private final BlockingQueue<Posted> answered = new LinkedBlockingQueue<>();
        /** Jobs seen finished, out of flight, whose rows are not recorded yet. */
        private final Deque<Map.Entry<InFlight, JobStatus>> finished = new ArrayDeque<>();
        /** Batches marked as sending that wait for a job slot. */
        private final Deque<Prepared> upcoming = new ArrayDeque<>();
        /** What this run sent, by batch and row: a finished job's rows need not be converted again. */
        private final Map<Integer, Map<Integer, ImportUsers.Ready>> sent = new HashMap<>();
        /** Posts sent to a posting thread whose answer has not been taken yet. */
        private int posting;
        private final JobDurations durations = new JobDurations();
        /** A working job's progress as a poll first saw it (when, and how many rows were done), by job id. */
        private final Map<String, Map.Entry<Instant, Integer>> firstProgress = new HashMap<>();
        /** When a working job should end, going by the rows it did between two polls, by job id. */
        private final Map<String, Instant> progressEnds = new HashMap<>();
        /** Polls in a row that found no job finished although none was expected done by then. */
        private int quietPolls;
        /** The last {@link #nextPoll} expected a job to end by then. */
        private boolean expecting;
        /** A post timed out: its batch waits for {@link #recoverInDoubt} before anything else is decided about it. */
        private boolean inDoubt;
        /** Full batches before the last round (see {@link #batchSize}), the rows that round spreads over its jobs, and the batches sized so far. */
        private int fullBatches;
        private int tailRows;
        private int sized;
        /** The last round's job sizes in the order its slots free (see {@link #sizeLastRound}); null until then. */
        private List<Integer> lastRound;
        /** How long Zendesk works one row, from the working job whose progress moved the most rows between two polls; null until seen. */
        private Duration rowTime;
        private int rowTimeRows;

        Run(ImportStore.Stored imported, CdpConnections.Target target, List<JsonNode> fields, JobPoller poller, Progress progress) {
            this.imported = imported;
            this.target = target;
            this.client = target.client();
            this.fields = fields;
            this.poller = poller;
            this.progress = progress;
            this.settings = target.settings();
        }

        boolean bulk(Instant until) throws InterruptedException {
            recoverInDoubt();
            for (var batch : store.openBatches(imported.id())) {
                inFlight.put(batch.jobId(), new InFlight(batch.number(), batch.jobId(), permit(batch.number()), null, 0));
            }
            var nextBatch = store.nextBatch(imported.id());
            planRounds();
            var posts = Executors.newFixedThreadPool(POSTERS, runnable -> {
                var thread = new Thread(runnable, "import-post-" + imported.id());
                thread.setDaemon(true);
                return thread;
            });
            try {
                var nextPoll = clock.instant();
                var postAgainAt = Instant.MIN;
                var reportedAt = Instant.MIN;
                while (true) {
                    // Counting the rows reads the whole import: often enough for a progress bar (and a work lease), not on every step.
                    if (!clock.instant().isBefore(reportedAt.plus(REPORT_EVERY))) {
                        report();
                        reportedAt = clock.instant();
                    }
                    for (Posted answer; (answer = answered.poll()) != null; ) {
                        if (!took(answer)) {
                            postAgainAt = clock.instant().plus(POLL_PAUSE);
                        }
                    }
                    if (!inFlight.isEmpty() && !clock.instant().isBefore(nextPoll)) {
                        var polledAt = clock.instant();
                        try {
                            var anyDone = finished(poller.await(List.copyOf(inFlight.keySet()), Duration.ZERO), polledAt);
                            quietPolls = anyDone || expecting ? 0 : quietPolls + 1;
                        } catch (ZendeskException e) {
                            if (!e.failure().retryable()) {
                                throw new CannotRun("Zendesk refused to show the import's jobs: " + e.failure().hint());
                            }
                            quietPolls++;
                        }
                        nextPoll = nextPoll(clock.instant());
                    }
                    var pending = true;
                    // Freed slots get their next jobs first; the finished jobs' rows are recorded after.
                    while (!inDoubt && clock.instant().isAfter(postAgainAt)) {
                        if (inFlight.size() + posting < MAX_JOBS_IN_FLIGHT && !upcoming.isEmpty()) {
                            var next = upcoming.peek();
                            if (!(target.governor().acquire(WriteKind.BULK_JOB, slot(next.batch())) instanceof Decision.Permit permit)) {
                                break;
                            }
                            upcoming.remove();
                            posting++;
                            posts.execute(() -> answered.add(post(next, permit)));
                            continue;
                        }
                        // A due poll comes before preparing further ahead: it may free slots for the batches already prepared.
                        if (upcoming.size() >= PREPARED_AHEAD || !upcoming.isEmpty() && !inFlight.isEmpty() && !clock.instant().isBefore(nextPoll)) {
                            break;
                        }
                        if (sized == fullBatches && lastRound == null) {
                            if (!lastRoundCanBeSized()) {
                                break;
                            }
                            lastRound = sizeLastRound();
                        }
                        var rows = store.rows(imported.id(), Optional.of(ImportStatus.PENDING), 0, batchSize());
                        if (rows.isEmpty()) {
                            pending = false;
                            break;
                        }
                        prepare(nextBatch, rows).ifPresent(upcoming::add);
                        nextBatch++;
                    }
                    var recorded = recordFinished();
                    if (inDoubt && posting == 0) {
                        abandonUpcoming();
                        try {
                            recoverInDoubt();
                            inDoubt = false;
                            for (var batch : store.openBatches(imported.id()).stream().filter(b -> b.jobId() != null).toList()) {
                                inFlight.putIfAbsent(batch.jobId(), new InFlight(batch.number(), batch.jobId(), permit(batch.number()), null, 0));
                            }
                        } catch (ZendeskException e) {
                            if (!e.failure().retryable()) {
                                throw new CannotRun("Zendesk refused to list its jobs: " + e.failure().hint());
                            }
                            sleeper.sleep(POLL_PAUSE);
                        }
                    }
                    if (!pending && !recorded && upcoming.isEmpty() && posting == 0 && inFlight.isEmpty() && !inDoubt) {
                        store.finish(imported.id(), clock.instant());
                        report();
                        return true;
                    }
                    if (!clock.instant().isBefore(until)) {
                        settlePosts();
                        recordFinished();
                        return false;
                    }
                    var nap = Duration.between(clock.instant(), inFlight.isEmpty() ? clock.instant().plus(TICK) : nextPoll);
                    sleeper.sleep(nap.compareTo(TICK) > 0 ? TICK : nap.isNegative() ? Duration.ZERO : nap);
                }
            } catch (RuntimeException e) {
                settleAfterFailure();
                throw e;
            } finally {
                posts.shutdown();
            }
        }

        /**
         * The run stops on an error while posts may be on their way: each answer is still recorded (a job
         * Zendesk took keeps its id; a refused batch's rows are pending again), so a later run, bulk or not,
         * starts from the truth.
         */
        private void settleAfterFailure() throws InterruptedException {
            while (posting > 0) {
                var answer = answered.take();
                posting--;
                var batch = answer.prepared().batch();
                if (answer.job() != null) {
                    store.submitted(imported.id(), batch, answer.job().id());
                } else if (answer.error() == null && !(answer.failure() instanceof ZendeskFailure.Transport)) {
                    store.abandon(imported.id(), batch);
                    target.governor().release(answer.permit());
                }
            }
            abandonUpcoming();
        }

        /** Waits for posts still on their way, so their jobs are recorded before the run returns; batches not posted yet go back to pending. */
        private void settlePosts() throws InterruptedException {
            while (posting > 0) {
                took(answered.take());
            }
            abandonUpcoming();
        }

        private void abandonUpcoming() {
            for (var batch : upcoming) {
                store.abandon(imported.id(), batch.batch());
                sent.remove(batch.batch());
            }
            upcoming.clear();
        }

        /**
         * The run's pending rows in rounds of one full job per slot (30 × 100 rows): every round but the last
         * has full jobs, and the last shares its rows out over the slots (see {@link #sizeLastRound}).
         * Zendesk works a job's rows one after another, so the last round's jobs are shorter and end together,
         * instead of a few full jobs running on alone.
         */
        private void planRounds() {
            var pending = store.pendingCount(imported.id());
            var round = MAX_JOBS_IN_FLIGHT * ZendeskClient.MAX_BULK;
            var rounds = Math.max(1, (pending + round - 1) / round);
            fullBatches = (rounds - 1) * MAX_JOBS_IN_FLIGHT;
            tailRows = pending - (rounds - 1) * round;
        }

        /** Rows for the next batch, following {@link #planRounds}; rows that come back after a lost job go in jobs of the last round's largest size. */
        private int batchSize() {
            var i = sized++ - fullBatches;
            if (i < 0) {
                return ZendeskClient.MAX_BULK;
            }
            if (i >= lastRound.size()) {
                return lastRound.stream().max(Integer::compare).orElse(1);
            }
            return lastRound.get(i);
        }

        /**
         * The last round is sized once every earlier batch is posted and, while jobs work that are not seen yet,
         * once Zendesk's time per row is known (or a job was seen done), so the slots' ends can be told apart.
         */
        private boolean lastRoundCanBeSized() {
            if (posting > 0 || !upcoming.isEmpty()) {
                return false;
            }
            return inFlight.isEmpty() || rowTime != null || durations.known() || inFlight.values().stream().anyMatch(f -> f.sentAt() == null);
        }

        /**
         * The last round's jobs by the order their slots free: a slot that frees later gets fewer rows, so that every
         * slot's last job ends at about the same time. A slot frees when its job ends (sent + its rows' working time;
         * the queued time is the same for every job), its next job works its rows one after another, so a slot
         * freeing t later gets t / (time per row) fewer rows. With nothing to tell the slots apart, the rows are
         * spread evenly (2,000 rows: 30 jobs of 66 or 67). A slot that frees only after the others' jobs would end gets none.
         */
        private List<Integer> sizeLastRound() {
            var now = clock.instant();
            var frees = new ArrayList<Double>();
            for (var flight : inFlight.values()) {
                if (rowTime == null || flight.sentAt() == null) {
                    frees.clear();
                    break;
                }
                // Left out: the queued time, the same for every job; so only how the slots' ends compare counts.
                var end = flight.sentAt().plus(rowTime.multipliedBy(flight.rows()));
                frees.add(Duration.between(now, end).toNanos() / (double) rowTime.toNanos());
            }
            if (frees.size() != inFlight.size() || frees.isEmpty()) {
                frees.clear();
                inFlight.values().forEach(f -> frees.add(0.0));
            }
            var soonest = frees.stream().min(Double::compare).orElse(0.0);
            while (frees.size() < MAX_JOBS_IN_FLIGHT) {
                frees.add(soonest);
            }
            var base = soonest;
            frees.replaceAll(free -> free - base);
            frees.sort(Double::compare);
            // Every slot's last job ends `level` rows' time after the soonest slot frees: the level at which the slots hold every row.
            double low = 0;
            double high = frees.get(frees.size() - 1) + ZendeskClient.MAX_BULK;
            for (int step = 0; step < 60; step++) {
                var level = (low + high) / 2;
                if (rowsBelow(frees, level) < tailRows) {
                    low = level;
                } else {
                    high = level;
                }
            }
            var sizes = new ArrayList<Integer>();
            double placed = 0;
            for (var free : frees) {
                var share = Math.min(ZendeskClient.MAX_BULK, Math.max(0, high - free));
                var size = (int) (Math.round(placed + share) - Math.round(placed));
                placed += share;
                if (size > 0) {
                    sizes.add(size);
                }
            }
            var total = sizes.stream().mapToInt(Integer::intValue).sum();
            if (total != tailRows && !sizes.isEmpty()) {
                sizes.set(0, Math.max(1, sizes.get(0) + tailRows - total));
            }
            return sizes.isEmpty() ? List.of(1) : sizes;
        }

        private static double rowsBelow(List<Double> frees, double level) {
            return frees.stream().mapToDouble(free -> Math.min(ZendeskClient.MAX_BULK, Math.max(0, level - free))).sum();
        }

        /**
         * When to poll next: just before the soonest a job in flight can be done, going by the jobs seen so far
         * and its size (see {@link JobDurations}), then every {@link #MIN_POLL_GAP} until the latest it should
         * be done, so a poll finds a job's end within a fraction of a second. Polling a little early lets the
         * estimates come down when they were too long, since a job seen done is measured only to the poll that
         * saw it. Before any job has finished, a job whose progress two polls saw is polled from when that progress
         * says it ends; otherwise every {@link #POLL_PAUSE}. While jobs run late, the pause grows.
         */
        private Instant nextPoll(Instant now) {
            var backoff = MIN_POLL_GAP.multipliedBy(1L << Math.min(Math.max(0, quietPolls - 1), 7));
            expecting = false;
            Duration gap;
            if (!durations.known()) {
                var end = progressEnds.values().stream().min(Instant::compareTo).orElse(null);
                var due = end == null ? null : end.minus(MIN_POLL_GAP);
                expecting = due != null && !due.isAfter(now.plus(MIN_POLL_GAP)) && !end.plus(POLL_PAUSE).isBefore(now);
                gap = due != null && due.isAfter(now.plus(MIN_POLL_GAP)) ? Duration.between(now, due) : expecting ? MIN_POLL_GAP : POLL_PAUSE;
            } else {
                var due = now.plus(MAX_POLL_GAP);
                for (var flight : inFlight.values()) {
                    if (flight.sentAt() == null) {
                        due = now;
                        continue;
                    }
                    var soonest = flight.sentAt().plus(durations.soonest(flight.rows()).orElseThrow()).minus(MIN_POLL_GAP);
                    var latest = flight.sentAt().plus(durations.latest(flight.rows()).orElseThrow()).plus(MIN_POLL_GAP);
                    due = soonest.isBefore(due) ? soonest : due;
                    expecting |= !soonest.isAfter(now.plus(MIN_POLL_GAP)) && !latest.isBefore(now);
                }
                gap = due.isAfter(now.plus(MIN_POLL_GAP)) ? Duration.between(now, due) : expecting ? MIN_POLL_GAP : backoff;
            }
            return now.plus(gap.compareTo(MAX_POLL_GAP) > 0 ? MAX_POLL_GAP : gap);
        }

        boolean single(Instant until) throws InterruptedException {
            while (true) {
                report();
                var rows = store.rows(imported.id(), Optional.of(ImportStatus.PENDING), 0, ZendeskClient.MAX_BULK);
                if (rows.isEmpty() && store.openBatches(imported.id()).isEmpty()) {
                    store.finish(imported.id(), clock.instant());
                    report();
                    return true;
                }
                if (rows.isEmpty()) {
                    // Left in a job by an earlier bulk run: settle them first.
                    return bulk(until);
                }
                for (var row : rows) {
                    if (!clock.instant().isBefore(until)) {
                        return false;
                    }
                    writeOne(row);
                }
            }
        }

        private void writeOne(ImportStore.StoredRow row) throws InterruptedException {
            var converted = users.convert(row.number(), row.message(), settings, fields, imported.createdAt());
            if (converted instanceof ImportUsers.Invalid invalid) {
                store.record(imported.id(), imported.connectionId(), null, List.of(failed(row, invalid.reason(), invalid.fix())), clock.instant());
                return;
            }
            var ready = (ImportUsers.Ready) converted;
            if (unchanged(row, ready)) {
                return;
            }
            while (true) {
                var permit = target.governor().await(WriteKind.USER_WRITE, ready.matchKey(), sleeper);
                try {
                    withTags(List.of(ready));
                    var upsert = client.createOrUpdateUser(ready.user());
                    target.governor().answered(permit);
                    store.record(imported.id(), imported.connectionId(), null, List.of(new ImportStore.Result(row.number(),
                            upsert.created() ? ImportStatus.CREATED : ImportStatus.UPDATED, upsert.id(), notes(ready), null, row.userKey(),
                            ready.digest())), clock.instant());
                    return;
                } catch (ZendeskException e) {
                    var failure = e.failure();
                    if (failure instanceof ZendeskFailure.RateLimited limited) {
                        target.governor().throttled(permit, limited.retryAfter());
                        continue;
                    }
                    if (failure.retryable()) {
                        sleeper.sleep(POLL_PAUSE);
                        continue;
                    }
                    if (failure instanceof ZendeskFailure.Unauthorized || failure instanceof ZendeskFailure.Forbidden) {
                        throw new CannotRun(failure.hint());
                    }
                    store.record(imported.id(), imported.connectionId(), null, List.of(failed(row, reason(failure), fix(failure))), clock.instant());
                    return;
                }
            }
        }

        /**
         * Converts one batch and marks its rows as sending, ahead of its job slot (a crash after this leaves it
         * in doubt, never forgotten: no job holds its users, so it is sent again); empty when no row needs sending.
         */
        private Optional<Prepared> prepare(int batch, List<ImportStore.StoredRow> rows) throws InterruptedException {
            var settled = new ArrayList<ImportStore.Result>();
            var ready = new ArrayList<ImportUsers.Ready>();
            var sending = new ArrayList<Integer>();
            var keys = new ArrayList<String>();
            var written = store.writtenDigests(imported.connectionId(), rows.stream().map(ImportStore.StoredRow::userKey).distinct().toList());
            for (var row : rows) {
                var converted = users.convert(row.number(), row.message(), settings, fields, imported.createdAt());
                if (converted instanceof ImportUsers.Invalid invalid) {
                    settled.add(failed(row, invalid.reason(), invalid.fix()));
                } else if (((ImportUsers.Ready) converted).digest().equals(written.get(row.userKey()))) {
                    settled.add(unchanged(row));
                } else {
                    ready.add((ImportUsers.Ready) converted);
                    sending.add(row.number());
                    keys.add(((ImportUsers.Ready) converted).matchKey().toLowerCase(Locale.ROOT));
                }
            }
            if (!settled.isEmpty()) {
                store.record(imported.id(), imported.connectionId(), null, settled, clock.instant());
            }
            if (ready.isEmpty()) {
                return Optional.empty();
            }
            withTags(ready);
            store.sending(imported.id(), batch, sending, json(keys), clock.instant());
            var byRow = new HashMap<Integer, ImportUsers.Ready>();
            for (int i = 0; i < sending.size(); i++) {
                byRow.put(sending.get(i), ready.get(i));
            }
            sent.put(batch, byRow);
            return Optional.of(new Prepared(batch, rows.stream().filter(r -> sending.contains(r.number())).toList(),
                    ready.stream().map(ImportUsers.Ready::user).toList()));
        }

        /** On a posting thread: the HTTP call only; what it means is decided by {@link #took} on the run's thread. */
        private Posted post(Prepared prepared, Decision.Permit permit) {
            var sentAt = clock.instant();
            try {
                return new Posted(prepared, permit, sentAt, client.createOrUpdateManyUsers(prepared.users()), null, null);
            } catch (ZendeskException e) {
                return new Posted(prepared, permit, sentAt, null, e.failure(), null);
            } catch (RuntimeException e) {
                return new Posted(prepared, permit, sentAt, null, null, e);
            }
        }

        /** Records a post's answer; false when Zendesk could not take the batch now (its rows are pending again). */
        private boolean took(Posted answer) {
            posting--;
            var prepared = answer.prepared();
            var batch = prepared.batch();
            if (answer.error() != null) {
                inDoubt = true;
                throw answer.error();
            }
            if (answer.job() != null) {
                store.submitted(imported.id(), batch, answer.job().id());
                inFlight.put(answer.job().id(), new InFlight(batch, answer.job().id(), answer.permit(), answer.sentAt(), prepared.users().size()));
                return true;
            }
            var failure = answer.failure();
            if (failure instanceof ZendeskFailure.Transport) {
                // The post may have reached Zendesk: the batch stays in doubt until Zendesk's job list says.
                inDoubt = true;
                return false;
            }
            store.abandon(imported.id(), batch);
            sent.remove(batch);
            target.governor().release(answer.permit());
            if (failure instanceof ZendeskFailure.Forbidden forbidden && forbidden.reason() == ZendeskFailure.ForbiddenReason.BULK_IMPORTS_DISABLED) {
                throw new BulkDisabled(forbidden.hint());
            }
            if (failure.retryable()) {
                return false;
            }
            if (failure instanceof ZendeskFailure.Unauthorized || failure instanceof ZendeskFailure.Forbidden) {
                throw new CannotRun(failure.hint());
            }
            var reason = reason(failure);
            store.record(imported.id(), imported.connectionId(), null,
                    prepared.rows().stream().map(r -> failed(r, reason, fix(failure))).toList(), clock.instant());
            return true;
        }

        /**
         * Takes every finished job out of flight and frees its slot, for the next batch to go out at once; its rows are
         * recorded by {@link #recordFinished} (until then its batch stays open, so a crash finds the job again). True when any finished.
         */
        private boolean finished(Map<String, JobStatus> statuses, Instant polledAt) {
            var any = false;
            for (var status : statuses.values()) {
                var flight = inFlight.get(status.id());
                if (flight == null) {
                    continue;
                }
                if (!status.finished()) {
                    progressed(status, polledAt);
                    continue;
                }
                firstProgress.remove(status.id());
                progressEnds.remove(status.id());
                target.governor().release(flight.permit());
                inFlight.remove(status.id());
                if (flight.sentAt() != null) {
                    durations.record(flight.rows(), Duration.between(flight.sentAt(), polledAt));
                }
                finished.add(Map.entry(flight, status));
                any = true;
            }
            return any;
        }

        /** Zendesk counts a working job's rows done: two polls that saw it move tell when it should end. */
        private void progressed(JobStatus status, Instant polledAt) {
            if (status.progress() <= 0 || status.progress() >= status.total()) {
                return;
            }
            var first = firstProgress.putIfAbsent(status.id(), Map.entry(polledAt, status.progress()));
            if (first != null && status.progress() > first.getValue()) {
                var moved = status.progress() - first.getValue();
                var perRow = Duration.between(first.getKey(), polledAt).dividedBy(moved);
                progressEnds.put(status.id(), polledAt.plus(perRow.multipliedBy(status.total() - status.progress())));
                if (moved > rowTimeRows) {
                    rowTime = perRow;
                    rowTimeRows = moved;
                }
            }
        }

        /** Records the rows of the jobs {@link #finished} took out of flight; true when there were any. */
        private boolean recordFinished() {
            var any = !finished.isEmpty();
            for (Map.Entry<InFlight, JobStatus> done; (done = finished.poll()) != null; ) {
                var flight = done.getKey();
                var status = done.getValue();
                var rows = store.batchRows(imported.id(), flight.batch());
                var outcomes = RowOutcome.of(status, rows.size());
                var results = new ArrayList<ImportStore.Result>();
                var known = sent.getOrDefault(flight.batch(), Map.of());
                for (int i = 0; i < rows.size(); i++) {
                    var row = rows.get(i);
                    var outcome = outcomes.get(i);
                    var ready = known.get(row.number());
                    if (ready == null) {
                        var converted = users.convert(row.number(), row.message(), settings, fields, imported.createdAt());
                        ready = converted instanceof ImportUsers.Ready r ? r : null;
                    }
                    results.add(switch (outcome.outcome()) {
                        case CREATED, UPDATED -> new ImportStore.Result(row.number(),
                                outcome.outcome() == RowOutcome.Outcome.CREATED ? ImportStatus.CREATED : ImportStatus.UPDATED, outcome.userId(),
                                ready == null ? null : notes(ready), null, row.userKey(), ready == null ? null : ready.digest());
                        case FAILED -> failed(row, Optional.ofNullable(outcome.details()).orElse(outcome.error()), fixFor(outcome.details()));
                        // Nothing is known to have been written: the row is tried again.
                        case MISSING -> new ImportStore.Result(row.number(), ImportStatus.PENDING, null, outcome.details(), null, row.userKey(), null);
                    });
                }
                store.record(imported.id(), imported.connectionId(), flight.batch(), results, clock.instant());
                sent.remove(flight.batch());
            }
            return any;
        }

        /**
         * Batches posted just before a crash, whose job id was never recorded: Zendesk's recent jobs are
         * awaited, and a job whose results name exactly the batch's users, in order, is the batch's.
         */
        private void recoverInDoubt() throws InterruptedException {
            var doubtful = store.openBatches(imported.id()).stream().filter(b -> b.jobId() == null).toList();
            if (doubtful.isEmpty()) {
                return;
            }
            var known = new HashSet<>(store.knownJobs(imported.connectionId()));
            target.await(WriteKind.READ, "jobs");
            var candidates = client.listJobStatuses().stream().filter(job -> !known.contains(job.id())).toList();
            var unfinished = candidates.stream().filter(job -> !job.finished()).map(JobStatus::id).toList();
            var latest = new HashMap<String, JobStatus>();
            candidates.forEach(job -> latest.put(job.id(), job));
            if (!unfinished.isEmpty()) {
                latest.putAll(poller.await(unfinished, IN_DOUBT_PATIENCE));
            }
            for (var batch : doubtful) {
                var keys = keys(batch.number());
                var match = latest.values().stream().filter(job -> !known.contains(job.id()) && sameUsers(job, keys)).findFirst();
                if (match.isPresent()) {
                    store.submitted(imported.id(), batch.number(), match.get().id());
                    known.add(match.get().id());
                } else {
                    store.abandon(imported.id(), batch.number());
                    target.governor().release(permit(batch.number()));
                }
            }
        }

        private List<String> keys(int batch) {
            try {
                var stored = mapper.readTree(store.batchKeys(imported.id(), batch));
                var keys = new ArrayList<String>();
                stored.forEach(k -> keys.add(k.asText()));
                return keys;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private boolean sameUsers(JobStatus job, List<String> keys) {
            if (job.results().size() != keys.size()) {
                return false;
            }
            for (int i = 0; i < keys.size(); i++) {
                var result = job.results().get(i);
                var named = result.externalId() != null ? result.externalId() : result.email();
                if (named == null || !named.toLowerCase(Locale.ROOT).equals(keys.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Rows that add or remove tags keep the user's other tags: the current ones are read first. */
        private void withTags(List<ImportUsers.Ready> ready) throws InterruptedException {
            var tagged = ready.stream().filter(r -> !r.tagChanges().isEmpty()).toList();
            if (tagged.isEmpty()) {
                return;
            }
            var current = new HashMap<String, JsonNode>();
            var byExternalId = tagged.stream().filter(r -> r.user().has("external_id")).map(r -> r.user().get("external_id").asText()).toList();
            if (!byExternalId.isEmpty()) {
                target.await(WriteKind.READ, "users");
                client.showManyUsersByExternalIds(byExternalId).forEach(u -> current.put(u.path("external_id").asText("").toLowerCase(Locale.ROOT), u));
            }
            for (var row : tagged) {
                JsonNode user = current.get(row.matchKey().toLowerCase(Locale.ROOT));
                if (user == null && !row.user().has("external_id")) {
                    target.await(WriteKind.READ, "users");
                    user = client.searchUsersByEmail(row.matchKey()).stream().findFirst().orElse(null);
                }
                row.user().set("tags", mapper.valueToTree(ImportUsers.tagsAfter(user == null ? mapper.createArrayNode() : user.path("tags"), row.tagChanges())));
            }
        }

        private boolean unchanged(ImportStore.StoredRow row, ImportUsers.Ready ready) {
            var result = unchangedResult(row, ready);
            result.ifPresent(r -> store.record(imported.id(), imported.connectionId(), null, List.of(r), clock.instant()));
            return result.isPresent();
        }

        private Optional<ImportStore.Result> unchangedResult(ImportStore.StoredRow row, ImportUsers.Ready ready) {
            var written = store.writtenDigests(imported.connectionId(), List.of(row.userKey())).get(row.userKey());
            return ready.digest().equals(written) ? Optional.of(unchanged(row)) : Optional.empty();
        }

        private ImportStore.Result unchanged(ImportStore.StoredRow row) {
            return new ImportStore.Result(row.number(), ImportStatus.UNCHANGED, null, "Zendesk already holds these values (written by an earlier import)",
                    null, row.userKey(), null);
        }

        private void report() {
            var counts = store.counts(imported.id());
            var settled = counts.entrySet().stream().filter(e -> e.getKey().settled()).mapToInt(Map.Entry::getValue).sum();
            progress.update(settled, imported.total());
        }

        private String slot(int batch) {
            return "import:" + imported.id() + ":" + batch;
        }

        private Decision.Permit permit(int batch) {
            return new Decision.Permit(target.governor().account(), WriteKind.BULK_JOB, slot(batch), clock.instant());
        }
    }

    private static ImportStore.Result failed(ImportStore.StoredRow row, String reason, String fix) {
        return new ImportStore.Result(row.number(), ImportStatus.FAILED, null, reason, fix, row.userKey(), null);
    }

    private static String notes(ImportUsers.Ready ready) {
        return ready.notes().isEmpty() ? null : String.join("; ", ready.notes());
    }

    private static String reason(ZendeskFailure failure) {
        if (failure instanceof ZendeskFailure.Invalid invalid) {
            return "Zendesk refused the user: " + String.join("; ", invalid.errors().stream()
                    .map(error -> (error.field().isEmpty() ? "" : error.field() + ": ") + error.description()).toList());
        }
        if (failure instanceof ZendeskFailure.DuplicateValue duplicate) {
            return duplicate.description();
        }
        return failure.summary();
    }

    private static String fix(ZendeskFailure failure) {
        return failure instanceof ZendeskFailure.DuplicateValue ? fixFor("already being used") : failure.hint();
    }

    /** What to do about a row Zendesk refused inside a job, from its words. */
    static String fixFor(String details) {
        var words = details == null ? "" : details.toLowerCase(Locale.ROOT);
        if (words.contains("already being used") || words.contains("already been taken")) {
            return "another Zendesk user holds this e-mail or external id: merge the two users in Zendesk, or give the row that user's userId";
        }
        if (words.contains("name")) {
            return "a new Zendesk user needs a name: add name (or firstName/lastName) to the row";
        }
        if (words.contains("email")) {
            return "correct the e-mail address in the row";
        }
        return ImportUsers.SEND_FIX;
    }

    private String json(List<String> keys) {
        return mapper.valueToTree(keys).toString();
    }
}
