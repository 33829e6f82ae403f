package io.engagementbridge.cdp;

import io.engagementbridge.demo.zendeskapi.JobStatus;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How an import shares its rows out over Zendesk's bulk jobs, judged by the jobs the simulator received. */
class ImportRunnerTest {
    private static final Duration QUEUED = Duration.ofSeconds(2);
    private static final Duration WORKING = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @Test
    void the_last_round_gives_fewer_rows_to_slots_that_free_later_so_its_jobs_end_together_and_every_row_is_written_once() throws Exception {
        // One round of full jobs, then 1,321 rows for the last round's 30 jobs. The first round's j-th batch (j = 0..29) holds
        // 2 × (29 - j) rows whose LTV is no number (failed before sending), so its job carries 42 + 2j users and its slot frees
        // (58 - 2j) × 80 ms sooner than the last one's: split evenly, the last round's jobs would end over 4.6 s apart.
        var rows = 4_321;
        var file = dir.resolve("audience.csv");
        var lines = new ArrayList<>(List.of("userId,email,firstName,lastName,ltv"));
        var bad = 0;
        for (int i = 0; i < rows; i++) {
            var badLtv = i < 3_000 && i % 100 < 2 * (29 - i / 100);
            bad += badLtv ? 1 : 0;
            lines.add("tail-" + i + ",tail-" + i + "@example.com,First" + i + ",Last" + i + "," + (badLtv ? "lots" : "1.5"));
        }
        Files.write(file, lines);

        try (var sync = new ImportHarness(dir.resolve("store"), 4, SimulatorLimits.defaults().withJobTimings(QUEUED, WORKING))) {
            sync.userField(AudienceFile.LTV_FIELD);
            var exit = sync.sync("--file", file.toString());

            assertThat(exit).as(sync.out() + sync.err()).isEqualTo(SyncCommand.ROWS_FAILED);
            var jobs = sync.zendesk().jobStatuses();
            assertThat(jobs.subList(0, 30).stream().map(JobStatus::total).toList()).as("the first round's jobs")
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 30).map(j -> 42 + 2 * j).boxed().toList());
            var last = jobs.subList(30, jobs.size());
            assertThat(last.stream().mapToInt(JobStatus::total).sum()).as("the last round's rows").isEqualTo(1_321);
            var ends = last.stream().map(ImportRunnerTest::end).sorted().toList();
            assertThat(Duration.between(ends.get(0), ends.get(ends.size() - 1))).as("from the first to the last end of the last round's jobs: %s", ends)
                    .isLessThanOrEqualTo(Duration.ofMillis(1_500));
            var writes = sync.bulkWritesByExternalId();
            assertThat(writes).hasSize(rows - bad);
            assertThat(writes).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        }
    }

    /** When the simulator completes a job: queued, then its rows' share of a full job's working time. */
    private static Instant end(JobStatus job) {
        return job.createdAt().plus(QUEUED).plus(WORKING.multipliedBy(job.total()).dividedBy(100));
    }
}
