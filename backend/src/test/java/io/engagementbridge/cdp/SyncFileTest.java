package io.engagementbridge.cdp;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sync --file}: what the Zendesk simulator holds afterwards, what the report says, and the exit code. */
class SyncFileTest {
    @TempDir
    Path dir;
    ImportHarness sync;

    @BeforeEach
    void open() {
        sync = new ImportHarness(dir.resolve("store"), 10);
        sync.userField(AudienceFile.LTV_FIELD);
    }

    @AfterEach
    void close() {
        sync.close();
    }

    @Test
    void a_thousand_rows_with_37_bad_write_963_users_and_report_each_failure_with_its_reason() throws Exception {
        var file = new AudienceFile(dir.resolve("audience.csv"), 1000);
        var report = dir.resolve("outcomes.csv");

        var exit = sync.sync("--file", file.path.toString(), "--report", report.toString());

        assertThat(exit).as(sync.out() + sync.err()).isEqualTo(SyncCommand.ROWS_FAILED);
        var users = sync.usersByExternalId();
        assertThat(users.keySet()).containsAll(file.good);
        assertThat(users.keySet().stream().filter(id -> id.startsWith("cust-"))).hasSize(963);
        var sample = users.get("cust-500");
        assertThat(sample.name()).isEqualTo("First500 Last500");
        assertThat(sample.email()).isEqualTo("cust-500@example.com");
        assertThat((BigDecimal) sample.userFields().get("ltv")).isEqualByComparingTo("5000.5");
        assertThat(sync.bulkWritesByExternalId()).allSatisfy((id, writes) -> assertThat(writes).as(id).isEqualTo(1));

        var rows = read(report);
        assertThat(rows).hasSize(1000);
        var failed = rows.stream().filter(r -> r.get("outcome").equals("failed")).toList();
        assertThat(failed).hasSize(37);
        assertThat(failed.stream().map(r -> Integer.parseInt(r.get("row"))).toList()).containsExactlyElementsOf(file.badRows);
        assertThat(failed).allSatisfy(r -> {
            assertThat(r.get("reason")).isNotBlank();
            assertThat(r.get("fix")).isNotBlank();
        });
        assertThat(failed.stream().map(r -> r.get("reason")))
                .anySatisfy(reason -> assertThat(reason).contains("ltv").contains("decimal"))
                .anySatisfy(reason -> assertThat(reason).contains("needs userId or email"))
                .anySatisfy(reason -> assertThat(reason).contains("Name"));
        assertThat(rows.stream().filter(r -> r.get("outcome").equals("created"))).hasSize(963);
        assertThat(sync.out()).contains("963 created").contains("37 failed");
    }

    @Test
    void running_the_same_file_again_writes_none_of_the_good_rows_again() throws Exception {
        var file = new AudienceFile(dir.resolve("audience.csv"), 300);
        assertThat(sync.sync("--file", file.path.toString())).isEqualTo(SyncCommand.ROWS_FAILED);
        var before = sync.usersByExternalId();
        var writesBefore = sync.bulkWritesByExternalId();

        var exit = sync.sync("--file", file.path.toString(), "--report", dir.resolve("again.csv").toString());

        assertThat(exit).isEqualTo(SyncCommand.ROWS_FAILED);
        assertThat(sync.bulkWritesByExternalId()).as("successful writes per user, over all jobs").isEqualTo(writesBefore);
        var after = sync.usersByExternalId();
        for (var id : file.good) {
            assertThat(after.get(id).updatedAt()).as(id).isEqualTo(before.get(id).updatedAt());
        }
        assertThat(sync.out()).contains(file.good.size() + " unchanged").contains("0 created, 0 updated");
    }

    @Test
    void a_dry_run_lists_each_rows_changes_and_failures_and_writes_nothing() throws Exception {
        var first = dir.resolve("first.csv");
        Files.write(first, List.of("userId,email,name,ltv", "cust-1,ada@example.com,Ada Lovelace,100", "cust-2,bob@example.com,Bob Smith,20"));
        assertThat(sync.sync("--file", first.toString())).isEqualTo(SyncCommand.OK);
        var jobs = sync.zendesk().jobStatuses().size();
        var before = sync.usersByExternalId();
        var second = dir.resolve("second.csv");
        Files.write(second, List.of("userId,email,name,ltv", "cust-1,ada@example.com,Ada King,100", "cust-2,bob@example.com,Bob Smith,20",
                "cust-3,cy@example.com,Cy Young,7.5", "cust-4,dee@example.com,Dee,much"));

        var exit = sync.sync("--file", second.toString(), "--dry-run", "--report", dir.resolve("plan.csv").toString());

        assertThat(exit).isEqualTo(SyncCommand.ROWS_FAILED);
        assertThat(sync.out())
                .contains("row 1 (cust-1): would update: name: \"Ada Lovelace\" → \"Ada King\"")
                .contains("row 2 (cust-2): unchanged")
                .contains("row 3 (cust-3): would create")
                .contains("row 4 (cust-4): would fail: trait ltv = \"much\"")
                .contains("Dry run, nothing written");
        assertThat(sync.zendesk().jobStatuses()).hasSize(jobs);
        assertThat(sync.usersByExternalId()).containsOnlyKeys(before.keySet());
        assertThat(sync.usersByExternalId().get("cust-1").name()).isEqualTo("Ada Lovelace");
        assertThat(Files.readString(dir.resolve("plan.csv"))).contains("would_update").contains("would_fail");
    }

    @Test
    void bulk_imports_disabled_says_so_and_how_to_enable_them_and_no_bulk_writes_one_user_at_a_time() throws Exception {
        sync.zendesk().faults().setBulkImportsEnabled(false);
        var file = dir.resolve("few.csv");
        Files.write(file, List.of("userId,email,name", "cust-1,ada@example.com,Ada Lovelace", "cust-2,bob@example.com,Bob Smith"));

        var refused = sync.sync("--file", file.toString());

        assertThat(refused).isEqualTo(SyncCommand.USAGE);
        assertThat(sync.err()).contains("Bulk user imports are not enabled").contains("Zendesk Customer Support").contains("--no-bulk");
        assertThat(sync.usersByExternalId()).doesNotContainKeys("cust-1", "cust-2");

        var single = sync.sync("--file", file.toString(), "--no-bulk");

        assertThat(single).as(sync.out() + sync.err()).isEqualTo(SyncCommand.OK);
        assertThat(sync.out()).contains("Resuming import");
        assertThat(sync.usersByExternalId().get("cust-2").name()).isEqualTo("Bob Smith");
        assertThat(sync.zendesk().jobStatuses()).isEmpty();
    }

    @Test
    void bad_usage_exits_2_naming_what_to_fix() throws Exception {
        assertThat(sync.sync("--file", dir.resolve("missing.csv").toString())).isEqualTo(SyncCommand.USAGE);
        assertThat(sync.err()).contains("no file").contains("missing.csv");
        assertThat(sync.sync("--file", "a.csv", "--from-engagement")).isEqualTo(SyncCommand.USAGE);
        assertThat(sync.err()).contains("exactly one of --file PATH or --from-engagement");
        var headerless = dir.resolve("users.txt");
        Files.writeString(headerless, "x");
        assertThat(sync.sync("--file", headerless.toString())).isEqualTo(SyncCommand.USAGE);
        assertThat(sync.err()).contains("use a .csv or .ndjson file");
    }

    @Test
    void ndjson_rows_with_an_audience_set_its_tag_and_keep_the_users_other_tags() throws Exception {
        var first = dir.resolve("first.csv");
        Files.write(first, List.of("userId,email,name,tags", "cust-1,ada@example.com,Ada Lovelace,vip"));
        assertThat(sync.sync("--file", first.toString())).isEqualTo(SyncCommand.OK);
        var file = dir.resolve("audience.ndjson");
        Files.write(file, List.of("{\"userId\":\"cust-1\",\"traits\":{\"email\":\"ada@example.com\"}}",
                "{\"userId\":\"cust-2\",\"email\":\"bob@example.com\",\"name\":\"Bob Smith\"}", "not json"));

        var exit = sync.sync("--file", file.toString(), "--audience", "Winter Sale");

        assertThat(exit).isEqualTo(SyncCommand.ROWS_FAILED);
        assertThat(sync.usersByExternalId().get("cust-1").tags()).contains("vip", "cdp_audience_winter_sale");
        assertThat(sync.usersByExternalId().get("cust-2").tags()).contains("cdp_audience_winter_sale");
        assertThat(sync.out()).contains("row 3").contains("not a JSON object");
    }

    private static List<CSVRecord> read(Path report) throws IOException {
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(report))) {
            return parser.getRecords();
        }
    }
}
