package io.engagementbridge.cdp;

import io.engagementbridge.demo.zendeskapi.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How an import shares its rows out over Zendesk's bulk jobs, judged by the jobs the simulator received. */
class ImportRunnerTest {
    @TempDir
    Path dir;

    @Test
    void the_rows_left_for_the_last_round_are_spread_evenly_over_its_jobs_and_every_row_is_written_once() throws Exception {
        // Not a multiple of a round (30 jobs × 100 rows): one round of full jobs, then 1,321 rows spread over the last round's 30 jobs.
        var rows = 4_321;
        var file = dir.resolve("audience.csv");
        var lines = new ArrayList<>(List.of("userId,email,firstName,lastName"));
        IntStream.range(0, rows).forEach(i -> lines.add("tail-" + i + ",tail-" + i + "@example.com,First" + i + ",Last" + i));
        Files.write(file, lines);

        try (var sync = new ImportHarness(dir.resolve("store"), 10)) {
            var exit = sync.sync("--file", file.toString());

            assertThat(exit).as(sync.out() + sync.err()).isEqualTo(SyncCommand.OK);
            var sizes = sync.zendesk().jobStatuses().stream().map(JobStatus::total).toList();
            assertThat(sizes.subList(0, 30)).as("the first round's jobs").containsOnly(100);
            var last = sizes.subList(30, sizes.size());
            assertThat(last).as("the last round's jobs").hasSize(30).containsOnly(44, 45);
            assertThat(last.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_321);
            var writes = sync.bulkWritesByExternalId();
            assertThat(writes).hasSize(rows);
            assertThat(writes).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        }
    }
}
