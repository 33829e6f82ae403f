package io.engagementbridge.bench;

import io.engagementbridge.App;
import io.engagementbridge.cdp.ImportStatus;
import io.engagementbridge.cdp.Imports;
import io.engagementbridge.cdp.SyncCommand;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.zendesk.ResponseObserver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar engagement-bridge.jar benchmark sync}: a bulk import of {@code --users} (20,000) users
 * through create_or_update_many against the Zendesk simulator at its plan's rate and 30 concurrent jobs,
 * on a clock {@code --scale} times the wall clock. Prints users per second against the simulator's
 * ceiling (the fewer of what its job slots and its request budget allow), 429s and rows lost.
 */
public final class SyncBenchmark {
    static final int ROWS_PER_JOB = 100;
    static final int CONCURRENT_JOBS = 30;
    /** A Zendesk bulk job of 100 users queues for a while, then works for longer: these are what the ceiling follows from. */
    static final Duration JOB_QUEUED = Duration.ofSeconds(2);
    static final Duration JOB_WORKING = Duration.ofSeconds(8);

    private SyncBenchmark() {
    }

    public static boolean run(List<String> args, Map<String, String> env, PrintStream out, PrintStream progress) throws Exception {
        var values = new java.util.HashMap<String, String>();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            if (!args.get(i).startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args.get(i));
            }
            values.put(args.get(i).substring(2), args.get(i + 1));
        }
        var users = number(values, env, "users", "BENCH_USERS", 20_000);
        var scale = number(values, env, "scale", "BENCH_SCALE", 1);
        var planRpm = number(values, env, "plan-rpm", "BENCH_PLAN_RPM", 700);
        var started = System.nanoTime();
        var clock = new ScaledClock(Instant.now(), scale);
        var dir = Files.createTempDirectory("bench-sync");
        var limits = new SimulatorLimits(planRpm, 5, 100, 30, CONCURRENT_JOBS, Duration.ofMinutes(30), Duration.ofDays(30), JOB_QUEUED, JOB_WORKING,
                Duration.ofSeconds(12), Duration.ofSeconds(60));
        try (var account = SimulatedZendeskAccount.open(dir, clock, limits, planRpm, ResponseObserver.NONE)) {
            var writeSide = account.writeSide();
            var clients = writeSide.zendeskClients(HttpClients.upstream(SyncCommand.ZENDESK_TIMEOUTS, new HostPolicy(List.of(), true)), App.mapper(), clock,
                    ResponseObserver.NONE);
            var imports = new Imports(writeSide.database(), writeSide.connectionRepository(), clients, ZendeskOAuthConfig.NONE, App.mapper(), clock,
                    clock::sleep);
            var csv = new StringBuilder("userId,email,firstName,lastName\n");
            for (int i = 0; i < users; i++) {
                csv.append("bench-").append(i).append(",bench-").append(i).append("@example.com,First").append(i).append(",Last").append(i).append('\n');
            }
            var stored = imports.store(account.connectionId(), "benchmark.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "benchmark.csv", null, true);
            progress.println("Importing " + users + " users in jobs of " + ROWS_PER_JOB + ", at most " + CONCURRENT_JOBS + " at once, time " + scale + "x …");
            account.simulator().stats().reset();
            var from = clock.instant();
            imports.run(stored.id(), true, Instant.MAX, (settled, total) -> { });
            var elapsed = Duration.between(from, clock.instant());
            var summary = imports.summary(stored.id()).orElseThrow();
            var requests = account.simulator().stats().requests().values().stream().flatMap(s -> s.values().stream()).mapToLong(Long::longValue).sum();
            var rateLimited = account.simulator().stats().rateLimited().values().stream().mapToLong(Long::longValue).sum();
            var inZendesk = account.simulator().users().stream().filter(u -> u.externalId() != null && u.externalId().startsWith("bench-")).count();
            var written = summary.counts().get(ImportStatus.CREATED) + summary.counts().get(ImportStatus.UPDATED);
            var lost = users - inZendesk;
            var seconds = elapsed.toMillis() / 1000.0;
            var perSecond = users / seconds;
            var jobSeconds = JOB_QUEUED.plus(JOB_WORKING).toMillis() / 1000.0;
            var slotCeiling = CONCURRENT_JOBS * ROWS_PER_JOB / jobSeconds;
            var requestCeiling = planRpm / 60.0 * ROWS_PER_JOB;
            var ceiling = Math.min(slotCeiling, requestCeiling);
            var share = perSecond / ceiling;
            var took = Duration.ofNanos(System.nanoTime() - started);

            out.printf("Engagement Bridge benchmark: bulk sync into Zendesk, %s UTC (took %d s)%n%n",
                    java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString().replace('T', ' '), took.toSeconds());
            out.printf("Setup: Zendesk API simulator at %,d requests/min, %d concurrent jobs, each job queued %d s then working %d s; "
                            + "import store and governor ledger in SQLite; simulated time %dx the wall clock.%n%n",
                    planRpm, CONCURRENT_JOBS, JOB_QUEUED.toSeconds(), JOB_WORKING.toSeconds(), scale);
            out.println("| measurement | result |");
            out.println("|---|---:|");
            out.printf("| users imported (created or updated) / failed | %,d / %,d |%n", written, summary.failed());
            out.printf("| simulated time | %.1f s |%n", seconds);
            out.printf("| users per second | %,.1f |%n", perSecond);
            out.printf("| simulator's ceiling: min(%d jobs × %d rows / %.0f s, %,d requests/min × %d rows) | %,.1f users/s |%n",
                    CONCURRENT_JOBS, ROWS_PER_JOB, jobSeconds, planRpm, ROWS_PER_JOB, ceiling);
            out.printf("| share of the ceiling | %.1f %% |%n", share * 100);
            out.printf("| requests Zendesk received (job posts, polls, field list) | %,d |%n", requests);
            out.printf("| 429 answers | %,d (%.2f %% of requests) |%n", rateLimited, requests == 0 ? 0 : 100.0 * rateLimited / requests);
            out.printf("| rows lost (in the file, not in Zendesk) | %,d |%n%n", lost);
            var checks = new ArrayList<String>();
            var passed = check(checks, share >= 0.95, String.format("users per second %.1f >= 95 %% of the ceiling %.1f", perSecond, ceiling));
            passed &= check(checks, rateLimited <= requests / 100, "429 answers " + rateLimited + " <= 1 % of " + requests + " requests");
            passed &= check(checks, lost == 0 && written == users, "rows lost: " + lost);
            out.println("```");
            checks.forEach(out::println);
            out.println("```");
            return passed;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder left behind is harmless
            }
        }
    }

    private static boolean check(List<String> lines, boolean ok, String what) {
        lines.add((ok ? "PASS  " : "FAIL  ") + what);
        return ok;
    }

    private static int number(Map<String, String> values, Map<String, String> env, String flag, String variable, int fallback) {
        var raw = values.getOrDefault(flag, env.get(variable));
        try {
            return raw == null ? fallback : Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " (" + variable + ") must be a whole number, was '" + raw + "'");
        }
    }
}
