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
 * {@code java -jar engagement-bridge.jar benchmark sync [--half both|bulk|stream]}. Bulk: an import of
 * {@code --users} (20,000) users through create_or_update_many against the Zendesk simulator at its plan's
 * rate and 30 concurrent jobs, on a clock {@code --scale} times the wall clock; prints users per second
 * against the simulator's ceiling (the fewer of what its job slots and its request budget allow), 429s and
 * rows lost. A job of 100 rows is queued {@link #JOB_QUEUED} and works {@link #JOB_WORKING}; a smaller job works its
 * share of that (Zendesk works the rows one after another). It also prints the best any schedule can do for that many
 * users: some slot carries at least users / 30 rows, which take that many jobs of at most 100, each queued, plus the
 * rows' working time. Streaming: see {@link SyncStream}.
 */
public final class SyncBenchmark {
    static final int ROWS_PER_JOB = 100;
    static final int CONCURRENT_JOBS = 30;
    /** A Zendesk bulk job of 100 users queues for a while, then works for longer (a smaller job its share): these are what the ceiling follows from. */
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
        var half = values.getOrDefault("half", env.getOrDefault("BENCH_HALF", "both"));
        if (!List.of("both", "bulk", "stream").contains(half)) {
            throw new IllegalArgumentException("--half must be bulk, stream or both, was '" + half + "'");
        }
        var planRpm = number(values, env, "plan-rpm", "BENCH_PLAN_RPM", 700);
        var limits = new SimulatorLimits(planRpm, 5, 100, 30, CONCURRENT_JOBS, Duration.ofMinutes(30), Duration.ofDays(30), JOB_QUEUED, JOB_WORKING,
                Duration.ofSeconds(12), Duration.ofSeconds(60));
        out.printf("Engagement Bridge benchmark: sync into Zendesk, %s UTC%n%n",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString().replace('T', ' '));
        var passed = true;
        if (!half.equals("stream")) {
            passed &= bulk(values, env, limits, planRpm, out, progress);
        }
        if (!half.equals("bulk")) {
            passed &= stream(values, env, limits, planRpm, out, progress);
        }
        return passed;
    }

    private static boolean stream(Map<String, String> values, Map<String, String> env, SimulatorLimits limits, int planRpm, PrintStream out,
                                  PrintStream progress) throws Exception {
        var messages = number(values, env, "messages", "BENCH_MESSAGES", 10_000);
        var users = number(values, env, "stream-users", "BENCH_STREAM_USERS", 500);
        var bursts = number(values, env, "bursts", "BENCH_BURSTS", 20);
        var burstEvery = Duration.ofSeconds(number(values, env, "burst-every", "BENCH_BURST_EVERY", 15));
        var scale = number(values, env, "stream-scale", "BENCH_STREAM_SCALE", 1);
        var started = System.nanoTime();
        var dir = Files.createTempDirectory("bench-sync-stream");
        try {
            progress.println("Streaming " + messages + " identifies for " + users + " users in " + bursts + " bursts, one every "
                    + burstEvery.toSeconds() + " s, time " + scale + "x …");
            var result = SyncStream.run(dir, messages, users, bursts, burstEvery, scale, limits, planRpm, progress);
            var took = Duration.ofNanos(System.nanoTime() - started);
            out.printf("### Streaming: %,d identifies over %,d users (took %d s)%n%n", result.messages(), result.users(), took.toSeconds());
            out.printf("Setup: %d bursts of about %,d messages, one every %d s, each a `POST /v1/cdp/events` batch (at most %d messages) with the "
                            + "connection's bearer token, to a backend whose workers write to the Zendesk simulator at %,d requests/min and 5 writes "
                            + "per user a minute; work queue in SQLite; simulated time %dx the wall clock. Each message sets the user's name and an "
                            + "`ltv` field to its own sequence number.%n%n",
                    bursts, (messages + bursts - 1) / bursts, burstEvery.toSeconds(), SyncStream.MAX_BATCH, planRpm, scale);
            out.println("| measurement | result |");
            out.println("|---|---:|");
            out.printf("| messages sent / accepted | %,d / %,d |%n", result.messages(), result.accepted());
            out.printf("| messages written / failed / not settled when waiting ended | %,d / %,d / %,d |%n", result.written(), result.failed(),
                    result.unsettled());
            out.printf("| simulated time: sending / until the last message was written | %.0f s / %.0f s |%n", result.streamed().toMillis() / 1000.0,
                    result.simulated().toMillis() / 1000.0);
            out.printf("| Zendesk requests made (all) / of them user writes | %,d / %,d |%n", result.zendeskRequests(), result.userWrites());
            out.printf("| most writes to one user in any rolling minute, as Zendesk counted them | %d |%n", result.peakWritesPerUserMinute());
            out.printf("| lag from accepted to written in Zendesk: p50 / p95 (simulated) | %.1f s / %.1f s |%n", result.lagP50().toMillis() / 1000.0,
                    result.lagP95().toMillis() / 1000.0);
            out.printf("| 429 answers | %,d |%n", result.rateLimited());
            out.printf("| users whose Zendesk values are not the latest sent to them | %,d of %,d |%n", result.usersNotLatest(), result.users());
            out.printf("| work items given up (dead letters) | %,d |%n%n", result.deadLetters());
            var checks = new ArrayList<String>();
            var passed = check(checks, result.accepted() == result.messages(), "messages accepted: " + result.accepted() + " of " + result.messages());
            passed &= check(checks, result.peakWritesPerUserMinute() <= 5, "per-user maximum in any minute " + result.peakWritesPerUserMinute() + " <= 5");
            passed &= check(checks, result.unsettled() == 0 && result.failed() == 0 && result.usersNotLatest() == 0,
                    "messages lost: " + (result.unsettled() + result.failed()) + " unwritten, " + result.usersNotLatest() + " users without their latest values");
            passed &= check(checks, result.rateLimited() <= result.zendeskRequests() / 100,
                    "429 answers " + result.rateLimited() + " <= 1 % of " + result.zendeskRequests() + " requests");
            out.println("```");
            checks.forEach(out::println);
            out.println("```");
            return passed;
        } finally {
            delete(dir);
        }
    }

    private static boolean bulk(Map<String, String> values, Map<String, String> env, SimulatorLimits limits, int planRpm, PrintStream out,
                                PrintStream progress) throws Exception {
        var users = number(values, env, "users", "BENCH_USERS", 20_000);
        var scale = number(values, env, "scale", "BENCH_SCALE", 1);
        var started = System.nanoTime();
        var clock = new ScaledClock(Instant.now(), scale);
        var dir = Files.createTempDirectory("bench-sync");
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

            out.printf("### Bulk: %,d users (took %d s)%n%n", users, took.toSeconds());
            out.printf("Setup: Zendesk API simulator at %,d requests/min, %d concurrent jobs, each job queued %d s then working %d s "
                            + "for 100 rows (fewer rows, their share of it); import store and governor ledger in SQLite; simulated time %dx the wall clock.%n%n",
                    planRpm, CONCURRENT_JOBS, JOB_QUEUED.toSeconds(), JOB_WORKING.toSeconds(), scale);
            out.println("| measurement | result |");
            out.println("|---|---:|");
            out.printf("| users imported (created or updated) / failed | %,d / %,d |%n", written, summary.failed());
            out.printf("| simulated time | %.1f s |%n", seconds);
            out.printf("| users per second | %,.1f |%n", perSecond);
            out.printf("| simulator's ceiling: min(%d jobs × %d rows / %.0f s, %,d requests/min × %d rows) | %,.1f users/s |%n",
                    CONCURRENT_JOBS, ROWS_PER_JOB, jobSeconds, planRpm, ROWS_PER_JOB, ceiling);
            out.printf("| share of the ceiling | %.1f %% |%n", share * 100);
            // No schedule finishes sooner, however quick the bridge: some slot carries at least users / 30 rows, in jobs of at most
            // 100 rows, each queued before it works, and works every one of those rows.
            var busiestSlot = (users + CONCURRENT_JOBS - 1) / CONCURRENT_JOBS;
            var jobs = (busiestSlot + ROWS_PER_JOB - 1) / ROWS_PER_JOB;
            var bestSeconds = (jobs * JOB_QUEUED.toMillis() + (double) busiestSlot * JOB_WORKING.toMillis() / ROWS_PER_JOB) / 1000.0;
            var best = Math.min(users / bestSeconds, ceiling);
            out.printf("| best possible for %,d users: the busiest of %d slots carries %,d rows, %d jobs × %.0f s queued + %,d rows × %.2f s working = %.1f s "
                            + "| %,.1f users/s (%.1f %% of the ceiling) |%n", users, CONCURRENT_JOBS, busiestSlot, jobs, JOB_QUEUED.toMillis() / 1000.0,
                    busiestSlot, JOB_WORKING.toMillis() / 1000.0 / ROWS_PER_JOB, bestSeconds, best, 100 * best / ceiling);
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
            delete(dir);
        }
    }

    private static void delete(java.nio.file.Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
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
