package io.engagementbridge.zendesk;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Polls bulk jobs through {@code job_statuses/show_many} until each is completed, failed or killed, with
 * growing pauses, asking the governor before every poll. Blocking: for background workers.
 */
public final class JobPoller {
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final int IDS_PER_POLL = 100;

    /** Waits; tests pass one that moves their clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final ZendeskClient client;
    private final Governor governor;
    private final Clock clock;
    private final Sleeper sleeper;

    public JobPoller(ZendeskClient client, Governor governor, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.governor = governor;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * The latest status of every job, polling until all are finished or {@code patience} has passed (then
     * some may still be queued or working: poll again later; Zendesk keeps job results for about a day).
     */
    public Map<String, JobStatus> await(Collection<String> jobIds, Duration patience) throws InterruptedException {
        var latest = new LinkedHashMap<String, JobStatus>();
        var deadline = clock.instant().plus(patience);
        var pause = FIRST_PAUSE;
        while (true) {
            var pending = jobIds.stream().filter(id -> !latest.containsKey(id) || !latest.get(id).finished()).toList();
            if (pending.isEmpty()) {
                return latest;
            }
            for (int from = 0; from < pending.size(); from += IDS_PER_POLL) {
                waitForPermit(pending.get(from));
                for (var status : client.showJobStatuses(pending.subList(from, Math.min(pending.size(), from + IDS_PER_POLL)))) {
                    latest.put(status.id(), status);
                }
            }
            if (jobIds.stream().allMatch(id -> latest.containsKey(id) && latest.get(id).finished()) || !clock.instant().plus(pause).isBefore(deadline)) {
                return latest;
            }
            sleeper.sleep(pause);
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    /** Polls one job until it finishes, then maps its results to the {@code rowCount} rows it was created from; empty when it is still running. */
    public Optional<List<RowOutcome>> awaitRows(String jobId, int rowCount, Duration patience) throws InterruptedException {
        var status = await(List.of(jobId), patience).get(jobId);
        return status == null || !status.finished() ? Optional.empty() : Optional.of(RowOutcome.of(status, rowCount));
    }

    private void waitForPermit(String key) throws InterruptedException {
        governor.await(WriteKind.READ, key, sleeper);
    }

}
