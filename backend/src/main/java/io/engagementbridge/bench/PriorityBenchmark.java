package io.engagementbridge.bench;

import io.engagementbridge.demo.TicketArrivals.Arrival;
import io.engagementbridge.demo.TicketArrivals.Kind;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar engagement-bridge.jar benchmark priority}: 100 tickets at once from 80 requesters (50 tiered,
 * 20 untiered, 10 unknown to Engagement) through the Zendesk simulator, its triggers and signed webhooks, the
 * real backend and an Engagement simulator. Prints the share prioritised correctly, seconds from creation to
 * tiered for untiered requesters, Engagement calls, Zendesk calls by endpoint and 429s; exits 1 when a check fails.
 */
public final class PriorityBenchmark {
    static final int TIERED = 50;
    static final int UNTIERED = 20;
    static final int UNKNOWN = 10;
    static final int TICKETS = 100;
    static final int PLAN_REQUESTS_PER_MINUTE = 700;

    private PriorityBenchmark() {
    }

    public static boolean run(List<String> args, Map<String, String> env, PrintStream out, PrintStream progress) throws Exception {
        var started = System.nanoTime();
        var dir = Files.createTempDirectory("bench-priority");
        try (var burst = PriorityBurst.start(dir, PLAN_REQUESTS_PER_MINUTE, PriorityBurst.customers(TIERED + UNTIERED))) {
            var requesters = burst.requesters(TIERED, UNTIERED, UNKNOWN);
            progress.println("Provisioned the simulated account; " + TICKETS + " tickets from " + requesters.size() + " requesters arrive at once …");
            var arrivals = burst.arrive(requesters, TICKETS, 42, 16);
            var settled = burst.awaitSettled(arrivals, Duration.ofMinutes(3));
            var correct = arrivals.stream().filter(burst::prioritisedCorrectly).count();
            var untiered = arrivals.stream().filter(a -> a.requester().kind() == Kind.UNTIERED).toList();
            var latencies = untiered.stream().map(burst::creationToTiered).sorted().toList();
            var lookedUp = arrivals.stream().filter(a -> a.requester().kind() != Kind.TIERED).map(a -> a.requester().email()).distinct().count();
            var stats = burst.account().simulator().stats();
            var rateLimited = stats.rateLimited().values().stream().mapToLong(Long::longValue).sum();
            var ticketUpdates = stats.count("PUT /api/v2/tickets/{id}", 200);
            var engagementCalls = burst.engagement().dataApiCalls();
            var took = Duration.ofNanos(System.nanoTime() - started);

            out.printf("Engagement Bridge benchmark: %d tickets arrive at once, %s UTC (took %d s)%n%n", TICKETS,
                    java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString().replace('T', ' '), took.toSeconds());
            out.printf("Setup: %d requesters (%d tiered in Zendesk, %d known only to Engagement, %d unknown to it), %d tickets; Zendesk API "
                            + "simulator enforcing a %,d requests/min plan, its triggers and signed webhooks; the backend's inbox, work queue "
                            + "(SQLite) and 2 workers; an Engagement simulator; wall-clock time.%n%n",
                    requesters.size(), TIERED, UNTIERED, UNKNOWN, TICKETS, PLAN_REQUESTS_PER_MINUTE);
            out.println("| measurement | result |");
            out.println("|---|---:|");
            out.printf("| tickets prioritised correctly (tier tag, priority, tier field; none for unknown customers) | %d / %d (%.0f %%) |%n",
                    correct, TICKETS, correct * 100.0 / TICKETS);
            out.printf("| creation → tiered, untiered requesters (%d tickets): p50 / p95 | %.1f s / %.1f s |%n", untiered.size(),
                    seconds(percentile(latencies, 0.50)), seconds(percentile(latencies, 0.95)));
            out.printf("| Engagement calls (distinct requesters looked up: %d) | %d |%n", lookedUp, engagementCalls);
            out.printf("| our ticket updates (untiered tickets: %d) | %d |%n", untiered.size(), ticketUpdates);
            stats.requests().forEach((route, byStatus) -> out.printf("| Zendesk calls: %s | %s |%n", route, byStatus));
            out.printf("| 429 answers | %d |%n%n", rateLimited);
            var checks = new ArrayList<String>();
            var passed = check(checks, settled, "every ticket's event handled within 3 minutes");
            passed &= check(checks, correct == TICKETS, "prioritised correctly " + correct + " / " + TICKETS);
            passed &= check(checks, engagementCalls <= lookedUp, "Engagement calls " + engagementCalls + " <= distinct requesters looked up " + lookedUp);
            passed &= check(checks, ticketUpdates <= untiered.size(), "ticket updates " + ticketUpdates + " <= untiered tickets " + untiered.size());
            passed &= check(checks, rateLimited == 0, "429 answers: " + rateLimited);
            out.println("```");
            checks.forEach(out::println);
            out.println("```");
            return passed;
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The value at {@code share} (0..1) of an ascending list; zero for an empty one. */
    static Duration percentile(List<Duration> sorted, double share) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(share * sorted.size()) - 1));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
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
