package io.engagementbridge.cdp;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sync --connection ID --file audience.csv|audience.ndjson [--audience NAME] [--dry-run]
 * [--report outcomes.csv] [--no-bulk]}, or {@code --from-engagement [--segmentation ID --segment N]}:
 * stores the rows, then writes them to Zendesk, showing progress on a terminal. Exit codes: 0 every row
 * written (or unchanged), 1 some rows failed (listed in the report), 2 usage or configuration error.
 */
public final class SyncCommand {
    public static final int OK = 0;
    public static final int ROWS_FAILED = 1;
    public static final int USAGE = 2;
    static final String USAGE_TEXT = "Usage: sync --connection ID (--file audience.csv|audience.ndjson | --from-engagement [--segmentation ID --segment N])"
            + " [--audience NAME] [--dry-run] [--report outcomes.csv] [--no-bulk]";
    private static final int REPORT_PAGE = 1000;
    /** A job post of 100 users can take Zendesk longer than the sidebar's reads are allowed. */
    public static final io.engagementbridge.config.Timeouts ZENDESK_TIMEOUTS = new io.engagementbridge.config.Timeouts(
            java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(90));

    /** The parsed command line. */
    record Options(String connection, Path file, boolean fromEngagement, String segmentation, Integer segment, String audience, boolean dryRun,
                   Path report, boolean bulk) {

        static Options parse(List<String> args) {
            String connection = null;
            Path file = null;
            boolean engagement = false;
            String segmentation = null;
            Integer segment = null;
            String audience = null;
            boolean dryRun = false;
            Path report = null;
            boolean bulk = true;
            for (int i = 0; i < args.size(); i++) {
                var arg = args.get(i);
                switch (arg) {
                    case "--connection" -> connection = value(args, ++i, arg);
                    case "--file" -> file = Path.of(value(args, ++i, arg));
                    case "--from-engagement" -> engagement = true;
                    case "--segmentation" -> segmentation = value(args, ++i, arg);
                    case "--segment" -> {
                        var text = value(args, ++i, arg);
                        if (!text.matches("[0-9]{1,6}")) {
                            throw new IllegalArgumentException("--segment takes the segment's index (0, 1, …), not '" + text + "'");
                        }
                        segment = Integer.parseInt(text);
                    }
                    case "--audience" -> audience = value(args, ++i, arg);
                    case "--dry-run" -> dryRun = true;
                    case "--report" -> report = Path.of(value(args, ++i, arg));
                    case "--no-bulk" -> bulk = false;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (connection == null) {
                throw new IllegalArgumentException("--connection ID is required (see 'connections list')");
            }
            if ((file == null) == !engagement) {
                throw new IllegalArgumentException("give exactly one of --file PATH or --from-engagement");
            }
            if (!engagement && (segmentation != null || segment != null)) {
                throw new IllegalArgumentException("--segmentation and --segment go with --from-engagement");
            }
            if ((segmentation == null) != (segment == null)) {
                throw new IllegalArgumentException("--segmentation ID and --segment N go together");
            }
            return new Options(connection, file, engagement, segmentation, segment, audience, dryRun, report, bulk);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size() || args.get(index).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
        }
    }

    /** Where the rows come from when not from a file: Engagement's customer export, as NDJSON identify rows. */
    @FunctionalInterface
    public interface EngagementSource {
        byte[] export(String connectionId, String segmentation, Integer segment) throws IOException, InterruptedException;
    }

    private final Imports imports;
    private final ImportDryRun dryRun;
    private final EngagementSource engagement;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;

    /** {@code interactive}: stdout is a terminal and not CI, so a progress bar is drawn. */
    public SyncCommand(Imports imports, ImportDryRun dryRun, EngagementSource engagement, PrintStream out, PrintStream err, boolean interactive) {
        this.imports = imports;
        this.dryRun = dryRun;
        this.engagement = engagement;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** A terminal, and not under CI. */
    public static boolean interactive(Map<String, String> env) {
        return System.console() != null && !env.containsKey("CI") && !"dumb".equals(env.get("TERM"));
    }

    public int run(List<String> args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("sync: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        byte[] input;
        String source;
        String format;
        try {
            if (options.fromEngagement()) {
                input = engagement.export(options.connection(), options.segmentation(), options.segment());
                source = "engagement" + (options.segmentation() == null ? "" : ":" + options.segmentation() + "/" + options.segment());
                format = ".ndjson";
            } else {
                input = Files.readAllBytes(options.file());
                source = options.file().getFileName().toString();
                format = source;
            }
        } catch (NoSuchFileException e) {
            err.println("sync: no file " + options.file() + ": check the path");
            return USAGE;
        } catch (IOException e) {
            err.println("sync: cannot read the input: " + e.getMessage());
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("sync: " + e.getMessage());
            return USAGE;
        }
        try {
            if (options.dryRun()) {
                return dryRun(options, source, input, format);
            }
            var started = imports.store(options.connection(), source, input, format, options.audience(), options.bulk());
            out.println((started.resumed() ? "Resuming import " : "Import ") + started.id() + ": " + started.rows() + " rows stored"
                    + (options.bulk() ? "" : "; writing one user at a time (--no-bulk)"));
            try (var bar = progress(started.rows())) {
                imports.run(started.id(), options.bulk(), Instant.MAX, (settled, total) -> {
                    if (bar != null) {
                        bar.stepTo(settled);
                    }
                });
            }
            return finish(started.id(), options.report());
        } catch (IllegalArgumentException | ImportRunner.CannotRun e) {
            err.println("sync: " + e.getMessage());
            return USAGE;
        } catch (io.engagementbridge.zendesk.ZendeskException e) {
            err.println("sync: Zendesk could not be used just now (" + e.failure().summary() + "): " + e.failure().hint()
                    + " The rows are stored: run the same command again to continue.");
            return USAGE;
        } catch (ImportRunner.BulkDisabled e) {
            err.println("sync: " + e.getMessage());
            err.println("The rows are stored. Once Zendesk has enabled bulk imports, run the same command again; or add --no-bulk to write "
                    + "them one user at a time now (slower: paced within the account's rate limit).");
            return USAGE;
        } catch (IOException e) {
            err.println("sync: cannot write the report: " + e.getMessage());
            return USAGE;
        }
    }

    private ProgressBar progress(int total) {
        if (!interactive) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("Import").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).setUnit(" rows", 1).build();
    }

    private int finish(String id, Path report) throws IOException {
        var summary = imports.summary(id).orElseThrow();
        var counts = summary.counts();
        out.println("Done: " + counts.get(ImportStatus.CREATED) + " created, " + counts.get(ImportStatus.UPDATED) + " updated, "
                + counts.get(ImportStatus.UNCHANGED) + " unchanged, " + counts.get(ImportStatus.FAILED) + " failed (of " + summary.total() + ")");
        if (report != null) {
            writeReport(id, report);
            out.println("Report: " + report);
        }
        if (summary.failed() > 0) {
            var shown = imports.rows(id, Optional.of(ImportStatus.FAILED), 0, 10);
            for (var row : shown) {
                out.println("  row " + row.row() + " (" + row.user() + "): " + row.reason() + (row.fix() == null ? "" : " — " + row.fix()));
            }
            if (summary.failed() > shown.size()) {
                out.println("  … and " + (summary.failed() - shown.size()) + " more" + (report == null ? ": add --report outcomes.csv to list them all" : " in the report"));
            }
            return ROWS_FAILED;
        }
        return OK;
    }

    private void writeReport(String id, Path report) throws IOException {
        var format = CSVFormat.DEFAULT.builder().setHeader("row", "user", "outcome", "zendesk_user_id", "reason", "fix").get();
        try (var printer = new CSVPrinter(Files.newBufferedWriter(report, StandardCharsets.UTF_8), format)) {
            int from = 0;
            while (true) {
                var page = imports.rows(id, Optional.empty(), from, REPORT_PAGE);
                for (var row : page) {
                    printer.printRecord(row.row(), row.user(), row.status().column(), row.zendeskUserId(), row.reason(), row.fix());
                }
                if (page.size() < REPORT_PAGE) {
                    return;
                }
                from = page.get(page.size() - 1).row() + 1;
            }
        }
    }

    private int dryRun(Options options, String source, byte[] input, String format) throws IOException, InterruptedException {
        var plan = dryRun.plan(options.connection(), source, input, format, options.audience());
        int failing = 0;
        for (var row : plan) {
            out.println(row.describe());
            if (row.outcome() == ImportDryRun.Outcome.WOULD_FAIL) {
                failing++;
            }
        }
        if (options.report() != null) {
            var csv = CSVFormat.DEFAULT.builder().setHeader("row", "user", "outcome", "changes", "reason", "fix").get();
            try (var printer = new CSVPrinter(Files.newBufferedWriter(options.report(), StandardCharsets.UTF_8), csv)) {
                for (var row : plan) {
                    printer.printRecord(row.row(), row.user(), row.outcome().column(), String.join("; ", row.changes()), row.reason(), row.fix());
                }
            }
        }
        var counts = new ArrayList<String>();
        for (var outcome : ImportDryRun.Outcome.values()) {
            counts.add(plan.stream().filter(r -> r.outcome() == outcome).count() + " " + outcome.column().replace('_', ' '));
        }
        out.println("Dry run, nothing written: " + String.join(", ", counts));
        return failing > 0 ? ROWS_FAILED : OK;
    }
}
