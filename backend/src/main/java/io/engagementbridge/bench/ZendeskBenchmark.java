package io.engagementbridge.bench;

import io.engagementbridge.App;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.zendesk.ResponseObserver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar engagement-bridge.jar benchmark zendesk}: mixed writes through the governor against
 * the Zendesk simulator at the plan's limit. Both run on one clock that goes {@code --scale} times as
 * fast as the wall clock, so a quarter of an hour of Zendesk minutes takes a minute or two. Prints the
 * requests per minute achieved against the budget, 429s and the most writes one user got in any minute;
 * exits 1 when a check fails.
 */
public final class ZendeskBenchmark {
    private ZendeskBenchmark() {
    }

    record Options(int writes, int scale, int threads, int planRequestsPerMinute, long seed) {
        static Options parse(List<String> args, Map<String, String> env) {
            var values = new java.util.HashMap<String, String>();
            for (int i = 0; i + 1 < args.size(); i += 2) {
                if (!args.get(i).startsWith("--")) {
                    throw new IllegalArgumentException("expected --name value, got " + args.get(i));
                }
                values.put(args.get(i).substring(2), args.get(i + 1));
            }
            return new Options(number(values, env, "writes", "BENCH_WRITES", 10_000), number(values, env, "scale", "BENCH_SCALE", 10),
                    number(values, env, "threads", "BENCH_THREADS", 16), number(values, env, "plan-rpm", "BENCH_PLAN_RPM", 700),
                    number(values, env, "seed", "BENCH_SEED", 42));
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

    public static boolean run(List<String> args, Map<String, String> env, PrintStream out, PrintStream progress) throws Exception {
        var options = Options.parse(args, env);
        var started = System.nanoTime();
        var clock = new ScaledClock(Instant.now(), options.scale());
        var dir = Files.createTempDirectory("bench-zendesk");
        try (var account = SimulatedZendeskAccount.open(dir, clock, SimulatorLimits.defaults().withPlanRequestsPerMinute(options.planRequestsPerMinute()),
                options.planRequestsPerMinute(), ResponseObserver.NONE)) {
            var mix = new ZendeskWriteMix(account.zendesk(), clock, App.mapper());
            var plan = new ZendeskWriteMix.Plan(options.writes(), 500, 200, 0.15, 0.02, options.threads(), options.seed());
            progress.println("Creating " + plan.tickets() + " tickets, then " + plan.writes() + " mixed writes from " + plan.threads()
                    + " threads, time " + options.scale() + "x …");
            var tickets = mix.createTickets(plan);
            account.simulator().stats().reset();
            var result = mix.run(plan, tickets);
            var requests = account.simulator().stats().requests().values().stream()
                    .flatMap(byStatus -> byStatus.values().stream()).mapToLong(Long::longValue).sum();
            var rateLimited = account.simulator().stats().rateLimited().values().stream().mapToLong(Long::longValue).sum();
            var peakPerUser = account.simulator().peakUserWritesPerMinute();
            var minutes = result.elapsed().toMillis() / 60_000.0;
            var perMinute = requests / minutes;
            var share = perMinute / options.planRequestsPerMinute();
            var took = Duration.ofNanos(System.nanoTime() - started);

            out.printf("Engagement Bridge benchmark: Zendesk writes through the governor, %s UTC (took %d s)%n%n",
                    java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString().replace('T', ' '), took.toSeconds());
            out.printf("Setup: Zendesk API simulator enforcing a %,d requests/min plan, per-user 5/min, Update Ticket 100/min and 30/10 min "
                            + "per ticket, 30 jobs; governor ledger in SQLite; %d threads; simulated time %dx the wall clock.%n%n",
                    options.planRequestsPerMinute(), options.threads(), options.scale());
            out.println("| measurement | result |");
            out.println("|---|---:|");
            out.printf("| write requests: single user / ticket update / bulk job (rows) | %,d / %,d / %,d (%,d rows) |%n",
                    result.userWrites(), result.ticketUpdates(), result.bulkJobs(), result.bulkRows());
            out.printf("| requests Zendesk received (writes, job polls) | %,d in %.1f simulated minutes |%n", requests, minutes);
            out.printf("| requests per minute achieved | %,.0f (%.1f %% of %,d) |%n", perMinute, share * 100, options.planRequestsPerMinute());
            out.printf("| 429 answers | %,d |%n", rateLimited);
            out.printf("| most writes to one user in any rolling minute, as Zendesk counted them | %d |%n", peakPerUser);
            out.printf("| failed writes | %,d |%n%n", result.failed());
            var checks = new ArrayList<String>();
            var passed = check(checks, share >= 0.90, String.format("requests per minute %,.0f >= 90 %% of the %,d budget", perMinute,
                    options.planRequestsPerMinute()));
            passed &= check(checks, rateLimited == 0 && result.rateLimited() == 0, "429 answers: " + rateLimited);
            passed &= check(checks, peakPerUser <= 5, "per-user maximum in any minute " + peakPerUser + " <= 5");
            passed &= check(checks, result.failed() == 0 && result.userWrites() + result.ticketUpdates() + result.bulkJobs() == plan.writes(),
                    "every write answered 2xx (" + result.failed() + " failed" + (result.failures().isEmpty() ? "" : ": " + result.failures()) + ")");
            out.println("```");
            checks.forEach(out::println);
            out.println("```");
            return passed;
        } finally {
            deleteQuietly(dir);
        }
    }

    private static boolean check(List<String> lines, boolean ok, String what) {
        lines.add((ok ? "PASS  " : "FAIL  ") + what);
        return ok;
    }

    private static void deleteQuietly(java.nio.file.Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
