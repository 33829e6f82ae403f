package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Background jobs (create_or_update_many and friends). Time drives them: a job is queued for
 * {@link SimulatorLimits#jobQueued()}, then works, then completes, and only then are its rows applied,
 * in request order. Zendesk works a job's rows one after another, so a job works
 * {@link SimulatorLimits#jobWorking()} for a full job of {@link #FULL_JOB} rows and that share of it for
 * fewer (50 rows: half); the queued part is the same for every job. Callers hold the simulator's lock
 * and call {@link #advance} before reading or writing state, so jobs complete in time order.
 */
final class Jobs {
    /** The most rows a bulk endpoint takes: a job this size works the whole of {@link SimulatorLimits#jobWorking()}. */
    static final int FULL_JOB = 100;
    private static final DateTimeFormatter MESSAGE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z").withZone(ZoneOffset.UTC);

    /** Runs one row at completion time; returns its result row (without the index). */
    @FunctionalInterface
    interface RowRunner extends BiFunction<JsonNode, Instant, Map<String, Object>> {
    }

    private static final class Job {
        final String id;
        final String type;
        final List<JsonNode> rows;
        final RowRunner runner;
        final Instant createdAt;
        List<Map<String, Object>> results;
        Instant completedAt;

        Job(String id, String type, List<JsonNode> rows, RowRunner runner, Instant createdAt) {
            this.id = id;
            this.type = type;
            this.rows = rows;
            this.runner = runner;
            this.createdAt = createdAt;
        }
    }

    private final Supplier<SimulatorLimits> limits;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    Jobs(Supplier<SimulatorLimits> limits) {
        this.limits = limits;
    }

    /** Jobs queued or working at {@code now}. */
    int active(Instant now) {
        return (int) jobs.values().stream().filter(job -> job.results == null && completionTime(job).isAfter(now)).count();
    }

    /** Seconds until the first queued or working job completes (at least 1). */
    long secondsUntilSlot(Instant now) {
        return jobs.values().stream().filter(job -> job.results == null).map(this::completionTime)
                .map(due -> Math.max(1, (Duration.between(now, due).toMillis() + 999) / 1000))
                .min(Long::compare).orElse(1L);
    }

    JobStatus submit(String type, List<JsonNode> rows, RowRunner runner, Instant now) {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        var job = new Job(HexFormat.of().formatHex(bytes), type, List.copyOf(rows), runner, now);
        jobs.put(job.id, job);
        return status(job, now);
    }

    /** Applies every job whose completion time has come, oldest first. */
    void advance(Instant now) {
        for (var job : jobs.values()) {
            var due = completionTime(job);
            if (job.results == null && !due.isAfter(now)) {
                var results = new ArrayList<Map<String, Object>>();
                for (int i = 0; i < job.rows.size(); i++) {
                    var result = new LinkedHashMap<String, Object>();
                    result.put("index", i);
                    result.putAll(job.runner.apply(job.rows.get(i), due));
                    results.add(result);
                }
                job.results = List.copyOf(results);
                job.completedAt = due;
            }
        }
    }

    Optional<JobStatus> find(String id, Instant now) {
        return Optional.ofNullable(jobs.get(id)).map(job -> status(job, now));
    }

    List<JobStatus> all(Instant now) {
        return jobs.values().stream().map(job -> status(job, now)).toList();
    }

    private Instant completionTime(Job job) {
        return job.createdAt.plus(limits.get().jobQueued()).plus(working(job));
    }

    private Duration working(Job job) {
        return limits.get().jobWorking().multipliedBy(job.rows.size()).dividedBy(FULL_JOB);
    }

    private JobStatus status(Job job, Instant now) {
        var total = job.rows.size();
        if (job.results != null) {
            return new JobStatus(job.id, job.type, "completed", total, total, "Completed at " + MESSAGE_TIME.format(job.completedAt),
                    job.results, job.createdAt);
        }
        var working = job.createdAt.plus(limits.get().jobQueued());
        if (now.isBefore(working)) {
            return new JobStatus(job.id, job.type, "queued", total, null, null, List.of(), job.createdAt);
        }
        var span = Math.max(1, working(job).toMillis());
        var progress = (int) Math.min(total - 1, total * Duration.between(working, now).toMillis() / span);
        return new JobStatus(job.id, job.type, "working", total, Math.max(0, progress), null, List.of(), job.createdAt);
    }
}
