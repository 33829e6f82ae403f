package io.engagementbridge.cdp;

import io.engagementbridge.demo.zendeskapi.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How an import shares its rows out over Zendesk's bulk jobs, judged by the jobs the simulator received. */
class ImportRunnerTest {
    @TempDir
    Path dir;

    @Test
    void the_rows_left_for_the_last_round_are_spread_evenly_over_its_jobs_and_every_row_is_written_once() throws Exception {
        // Not a multiple of a round (30 jobs × 100 rows): full jobs first, then 1,321 rows or a little more for the last round.
        var rows = 4_321;
        var file = dir.resolve("audience.csv");
        var lines = new ArrayList<>(List.of("userId,email,firstName,lastName"));
        IntStream.range(0, rows).forEach(i -> lines.add("tail-" + i + ",tail-" + i + "@example.com,First" + i + ",Last" + i));
        Files.write(file, lines);

        try (var sync = new ImportHarness(dir.resolve("store"), 10)) {
            var exit = sync.sync("--file", file.toString());

            assertThat(exit).as(sync.out() + sync.err()).isEqualTo(SyncCommand.OK);
            var sizes = sync.zendesk().jobStatuses().stream().map(JobStatus::total).toList();
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows);
            var full = (int) sizes.stream().takeWhile(size -> size == 100).count();
            var last = sizes.subList(full, sizes.size());
            assertThat(last.size()).as("jobs in the last round " + last).isBetween(2, 30);
            assertThat(Collections.max(last) - Collections.min(last)).as("the last round's job sizes " + last).isLessThanOrEqualTo(1);
            var writes = sync.bulkWritesByExternalId();
            assertThat(writes).hasSize(rows);
            assertThat(writes).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        }
    }
}
