package io.engagementbridge.zendesk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a bulk job did with one input row (0-based, in request order). {@code userId} is null when Zendesk did not say. */
public record RowOutcome(int row, Outcome outcome, Long userId, String error, String details) {

    public enum Outcome {
        CREATED, UPDATED, FAILED,
        /** The job finished (failed or killed) without a result for this row: nothing is known to have been written. */
        MISSING
    }

    /**
     * Maps a finished job's results back to its {@code rowCount} input rows. Zendesk returns results in
     * request order; a result's {@code index}, when present, names its row explicitly and wins.
     */
    public static List<RowOutcome> of(JobStatus job, int rowCount) {
        var byRow = new JobStatus.JobResult[rowCount];
        var results = job.results();
        for (int i = 0; i < results.size(); i++) {
            var result = results.get(i);
            var row = result.index() != null ? result.index() : i;
            if (row >= 0 && row < rowCount) {
                byRow[row] = result;
            }
        }
        var outcomes = new ArrayList<RowOutcome>(rowCount);
        for (int row = 0; row < rowCount; row++) {
            var result = byRow[row];
            outcomes.add(result == null
                    ? new RowOutcome(row, Outcome.MISSING, null, "NoResult", "the job ended " + job.status() + (job.message() == null ? "" : ": " + job.message()))
                    : new RowOutcome(row, outcomeOf(result), result.id(), result.error(), result.details()));
        }
        return List.copyOf(outcomes);
    }

    private static Outcome outcomeOf(JobStatus.JobResult result) {
        var status = result.status() == null ? "" : result.status().toLowerCase(Locale.ROOT);
        var action = result.action() == null ? "" : result.action().toLowerCase(Locale.ROOT);
        if (status.equals("failed") || result.error() != null || Boolean.FALSE.equals(result.success())) {
            return Outcome.FAILED;
        }
        if (status.equals("created") || action.equals("create")) {
            return Outcome.CREATED;
        }
        return Outcome.UPDATED;
    }
}
