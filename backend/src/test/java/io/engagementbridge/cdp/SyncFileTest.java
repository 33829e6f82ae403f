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

    private static List<CSVRecord> read(Path report) throws IOException {
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(report))) {
            return parser.getRecords();
        }
    }
}
