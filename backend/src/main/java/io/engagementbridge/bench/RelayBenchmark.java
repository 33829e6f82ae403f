package io.engagementbridge.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.App;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.demo.engagement.EngagementSimulator;
import io.engagementbridge.demo.engagement.Faults;
import io.engagementbridge.demo.engagement.SeedCustomers;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.priority.TierRules;
import io.engagementbridge.relay.RelaySender;
import io.engagementbridge.relay.RelaySettings;
import io.engagementbridge.relay.RelayTicketEvent;
import io.engagementbridge.webhook.WebhookInbox;
import io.engagementbridge.work.WorkState;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskRequest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code java -jar engagement-bridge.jar benchmark relay}: ticket events made in the Zendesk simulator (created,
 * solved, rated) reach the Engagement simulator through the whole relay (provisioned triggers, signed webhooks,
 * inbox, work queue, ticket reads through the governor, batches, the catch-up sweep) while Engagement fails a
 * share of requests (429, 500, 503) and Zendesk never delivers a share of webhooks. Everything runs on one clock
 * {@code --scale} times as fast as the wall clock. Prints events lost, duplicates Engagement stored after its
 * deduplication, requests made, latency and sweep recoveries; exits 1 when a check fails.
 */
public final class RelayBenchmark {
    private RelayBenchmark() {
    }

    record Options(int events, int scale, int threads, int planRequestsPerMinute, int failPercent, int dropPercent, Duration sweepInterval) {
        static Options parse(List<String> args, Map<String, String> env) {
            var values = new java.util.HashMap<String, String>();
            for (int i = 0; i + 1 < args.size(); i += 2) {
                if (!args.get(i).startsWith("--")) {
                    throw new IllegalArgumentException("expected --name value, got " + args.get(i));
                }
                values.put(args.get(i).substring(2), args.get(i + 1));
            }
            var events = number(values, env, "events", "BENCH_EVENTS", 10_000);
            if (events < 10) {
                throw new IllegalArgumentException("--events must be at least 10");
            }
            Duration interval;
            try {
                interval = Duration.parse(values.getOrDefault("sweep-interval", env.getOrDefault("BENCH_SWEEP_INTERVAL", "PT10M")));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--sweep-interval must be an ISO-8601 duration such as PT10M");
            }
            return new Options(events, number(values, env, "scale", "BENCH_SCALE", 10), number(values, env, "threads", "BENCH_THREADS", 8),
                    number(values, env, "plan-rpm", "BENCH_PLAN_RPM", 2_500), number(values, env, "fail-percent", "BENCH_FAIL_PERCENT", 30),
                    number(values, env, "drop-percent", "BENCH_DROP_PERCENT", 5), interval);
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

    /** One ticket's life: created, then maybe solved, then maybe rated. */
    private record TicketPlan(int index, boolean solve, boolean rate) {
        int events() {
            return 1 + (solve ? 1 : 0) + (rate ? 1 : 0);
        }
    }

    public static boolean run(List<String> args, Map<String, String> env, PrintStream out, PrintStream progress) throws Exception {
        var options = Options.parse(args, env);
        var started = System.nanoTime();
        var clock = new ScaledClock(Instant.now(), options.scale());
        var dir = Files.createTempDirectory("bench-relay");
        var engagement = new EngagementSimulator(SeedCustomers.demo(), SeedCustomers.DEMO_NOW);
        var third = options.failPercent() / 3;
        engagement.setFaults(new Faults(third, third, 0, 0, Duration.ZERO, options.failPercent() - 2 * third, 0));
        var storedAt = new ConcurrentHashMap<String, Instant>();
        engagement.onStored(event -> storedAt.putIfAbsent(event.properties().get("ticket_id") + ":" + event.properties().get("action"),
                clock.instant()));
        var engagementServer = engagement.app().start("127.0.0.1", 0);
        try (var account = SimulatedZendeskAccount.open(dir, clock, SimulatorLimits.defaults().withPlanRequestsPerMinute(options.planRequestsPerMinute()),
                options.planRequestsPerMinute(), io.engagementbridge.zendesk.ResponseObserver.NONE,
                new SimulatedZendeskAccount.Engagement("http://127.0.0.1:" + engagementServer.port(), SimulatedProject.PROJECT_TOKEN,
                        SimulatedProject.KEY_ID, SimulatedProject.KEY_SECRET))) {
            var repository = account.writeSide().connectionRepository();
            var settings = repository.find(account.connectionId()).orElseThrow().settings();
            settings.put(RelaySettings.SWEEP_INTERVAL, options.sweepInterval().toString());
            repository.updateSettings(account.connectionId(), settings);
            var config = BridgeConfig.forLoopback(0);
            var backend = App.create(config, new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy()), Ticker.systemTicker(),
                    clock), account.writeSide()).start("127.0.0.1", 0);
            try {
                new Provisioning(repository, App.mapper(), clock, clock::sleep, "http://127.0.0.1:" + backend.port())
                        .provision(repository.find(account.connectionId()).orElseThrow(), account.zendesk().client(), account.zendesk().governor(),
                                TierRules.defaults());
                account.simulator().faults().setWebhookDropShare(options.dropPercent() / 100.0);
                var plans = plans(options.events());
                progress.printf("Making %,d ticket events (%,d tickets) in the Zendesk simulator from %d threads, time %dx; Engagement fails %d %%, "
                        + "%d %% of webhooks are never delivered …%n", options.events(), plans.size(), options.threads(), options.scale(),
                        options.failPercent(), options.dropPercent());
                var driverFailures = drive(account, clock, plans, options.threads());
                var madeBy = clock.instant();
                progress.printf("Done in %d s; waiting for the relay and the sweep …%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
                var expected = new HashSet<String>();
                for (var plan : plans) {
                    // ids are assigned in creation order; the driver records them
                    expected.addAll(plan.keys);
                }
                // Done when everything arrived and nothing is left; given up once nothing moved for two sweep intervals.
                var work = account.writeSide().work();
                var lastProgress = madeBy;
                var lastCount = -1;
                while (!(storedAt.keySet().containsAll(expected)
                        && work.backlog(List.of(WebhookInbox.KIND, RelayTicketEvent.KIND, RelaySender.KIND)).items() == 0)
                        && clock.instant().isBefore(lastProgress.plus(options.sweepInterval().multipliedBy(2)).plus(Duration.ofMinutes(2)))) {
                    if (storedAt.size() != lastCount) {
                        lastCount = storedAt.size();
                        lastProgress = clock.instant();
                    }
                    Thread.sleep(200);
                }
                return report(out, options, started, account, engagement, storedAt, expected, driverFailures);
            } finally {
                backend.stop();
            }
        } finally {
            engagementServer.stop();
            deleteQuietly(dir);
        }
    }

    /** A ticket's plan and, once made, the relay keys ("ticket:action") of its events. */
    private static final class Planned {
        final TicketPlan plan;
        final List<String> keys = new ArrayList<>();

        Planned(TicketPlan plan) {
            this.plan = plan;
        }
    }

    /** Tickets whose events add up to {@code events}: every ticket created, 7 in 8 solved, 5 in 8 of those rated (about 10:8.75:5.5). */
    private static List<Planned> plans(int events) {
        var plans = new ArrayList<Planned>();
        int total = 0;
        for (int i = 0; total < events; i++) {
            var solve = i % 8 != 7 && total + 2 <= events;
            var rate = solve && i % 8 < 5 && total + 3 <= events;
            var plan = new TicketPlan(i, solve, rate);
            plans.add(new Planned(plan));
            total += plan.events();
        }
        return plans;
    }

    private static long drive(SimulatedZendeskAccount account, ScaledClock clock, List<Planned> plans, int threads) throws InterruptedException {
        var failures = new AtomicLong();
        var next = new AtomicInteger();
        var client = account.zendesk().client();
        var governor = account.zendesk().governor();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < plans.size(); i = next.getAndIncrement()) {
                    var planned = plans.get(i);
                    var n = planned.plan.index();
                    try {
                        var ticket = App.mapper().createObjectNode().put("subject", "Order #" + n + " \"late\" 📦").put("status", "open");
                        ticket.putObject("comment").put("body", "Where is my order " + n + "?");
                        ticket.putObject("requester").put("name", "Customer " + (n % 2_000)).put("email", "customer" + (n % 2_000) + "@example.com");
                        governor.await(WriteKind.TICKET_CREATE, null, clock::sleep);
                        var id = retrying(failures, clock, () -> client.createTicket("bench-" + n, ticket).ticket().path("id").asLong());
                        planned.keys.add(id + ":created");
                        if (planned.plan.solve()) {
                            var permit = governor.await(WriteKind.TICKET_UPDATE, Long.toString(id), clock::sleep);
                            retrying(failures, clock, () -> client.updateTicket(id, App.mapper().createObjectNode().put("status", "solved")));
                            governor.answered(permit);
                            planned.keys.add(id + ":solved");
                        }
                        if (planned.plan.rate()) {
                            var rating = App.mapper().createObjectNode();
                            rating.putObject("satisfaction_rating").put("score", n % 3 == 0 ? "bad" : "good").put("comment", "Rated " + n);
                            governor.await(WriteKind.OTHER_WRITE, null, clock::sleep);
                            retrying(failures, clock, () -> client.send(ZendeskRequest.post("/api/v2/tickets/" + id + "/satisfaction_rating", rating)));
                            planned.keys.add(id + ":rated");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(6, TimeUnit.HOURS);
        return failures.get();
    }

    @FunctionalInterface
    private interface Call<T> {
        T call();
    }

    private static <T> T retrying(AtomicLong failures, ScaledClock clock, Call<T> call) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (ZendeskException e) {
                failures.incrementAndGet();
                if (attempt >= 10) {
                    throw e;
                }
                clock.sleep(Duration.ofSeconds(attempt));
            }
        }
    }

    private static boolean report(PrintStream out, Options options, long started, SimulatedZendeskAccount account, EngagementSimulator engagement,
                                  Map<String, Instant> storedAt, java.util.Set<String> expected, long driverFailures) {
        var stored = engagement.trackedEvents().stream().filter(event -> event.eventType().equals("support_ticket"))
                .map(event -> event.properties().get("ticket_id") + ":" + event.properties().get("action")).toList();
        var distinct = new HashSet<>(stored);
        var lost = expected.stream().filter(key -> !distinct.contains(key)).count();
        var duplicates = stored.size() - distinct.size();
        var unexpected = distinct.stream().filter(key -> !expected.contains(key)).count();
        var dropped = account.simulator().webhookInvocations().stream().filter(invocation -> invocation.status().equals("dropped")).count();
        var bySweep = new HashSet<String>();
        var inSender = new ArrayList<Double>();
        for (var item : account.writeSide().work().items(account.connectionId(), WorkState.DONE, 1_000_000)) {
            if (item.kind().equals(RelaySender.KIND)) {
                var properties = readTree(item.payload()).path("data").path("properties");
                var at = storedAt.get(properties.path("ticket_id").asText() + ":" + properties.path("action").asText());
                if (at != null) {
                    inSender.add(Duration.between(item.createdAt(), at).toMillis() / 1000.0);
                }
            }
            if (item.kind().equals(RelayTicketEvent.KIND) && item.payload().contains("\"source\":\"sweep\"")) {
                var payload = item.payload();
                var ticket = payload.replaceAll(".*\"ticket_id\":(\\d+).*", "$1");
                var action = payload.replaceAll(".*\"action\":\"([a-z]+)\".*", "$1");
                bySweep.add(ticket + ":" + action);
            }
        }
        var requests = engagement.batchRequests();
        var webhookLatencies = new ArrayList<Double>();
        var allLatencies = new ArrayList<Double>();
        var timestamps = new java.util.HashMap<String, Instant>();
        engagement.trackedEvents().forEach(event -> timestamps.put(event.properties().get("ticket_id") + ":" + event.properties().get("action"),
                event.timestamp()));
        storedAt.forEach((key, at) -> {
            var happened = timestamps.get(key);
            if (happened != null) {
                var seconds = Duration.between(happened, at).toMillis() / 1000.0;
                allLatencies.add(seconds);
                if (!bySweep.contains(key)) {
                    webhookLatencies.add(seconds);
                }
            }
        });
        var took = Duration.ofNanos(System.nanoTime() - started);
        out.printf("Engagement Bridge benchmark: Zendesk → Engagement relay, %s UTC (took %d s)%n%n",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString().replace('T', ' '), took.toSeconds());
        out.printf("Setup: Zendesk API simulator (%,d requests/min plan) firing the provisioned triggers' signed webhooks at the backend; "
                        + "Engagement simulator failing %d %% of requests (429, 500, 503 in equal shares); %d %% of webhooks never delivered; "
                        + "catch-up sweep every %s; work queue in SQLite; simulated time %dx the wall clock.%n%n",
                options.planRequestsPerMinute(), options.failPercent(), options.dropPercent(), options.sweepInterval(), options.scale());
        out.println("| measurement | result |");
        out.println("|---|---:|");
        out.printf("| ticket events made in Zendesk (created / solved / rated) | %,d |%n", expected.size());
        out.printf("| webhooks never delivered | %,d |%n", dropped);
        out.printf("| events lost | %,d |%n", lost);
        out.printf("| duplicates stored by Engagement after its deduplication | %,d |%n", duplicates);
        out.printf("| Engagement requests made (batches, failed ones included) | %,d |%n", requests);
        var answered = engagement.answeredBatchSizes();
        out.printf("| events per answered request (mean; answered requests with fewer than 50) | %.1f; %,d of %,d |%n",
                answered.stream().mapToInt(Integer::intValue).average().orElse(0), answered.stream().filter(size -> size < 50).count(), answered.size());
        out.printf("| identical resends Engagement discarded | %,d |%n", engagement.duplicatesDiscarded());
        out.printf("| p50 / p95 seconds from the change in Zendesk to Engagement, webhook path | %.1f / %.1f |%n", percentile(webhookLatencies, 50),
                percentile(webhookLatencies, 95));
        out.printf("| p95 / max seconds, all events (sweep recoveries included) | %.1f / %.1f |%n", percentile(allLatencies, 95),
                percentile(allLatencies, 100));
        out.printf("| of which in the sender, p50 / p95 seconds (from the ticket read to Engagement: filling, failures, backoff) | %.1f / %.1f |%n",
                percentile(inSender, 50), percentile(inSender, 95));
        out.printf("| events recovered by the sweep | %,d |%n", bySweep.size());
        out.printf("| Zendesk calls the driver had to repeat | %,d |%n%n", driverFailures);
        var checks = new ArrayList<String>();
        var passed = check(checks, lost == 0, "events lost: " + lost);
        passed &= check(checks, duplicates == 0 && unexpected == 0, "duplicates stored: " + duplicates + ", events nobody made: " + unexpected);
        passed &= check(checks, requests <= Math.max(300, options.events() * 3L / 100), "Engagement requests " + requests + " <= "
                + Math.max(300, options.events() * 3L / 100));
        passed &= check(checks, bySweep.size() >= dropped, "sweep recoveries " + bySweep.size() + " >= webhooks never delivered " + dropped);
        out.println("```");
        checks.forEach(out::println);
        out.println("```");
        explain(out, account, expected.stream().filter(key -> !distinct.contains(key)).toList());
        return passed;
    }

    /** Dead letters (count and reasons) and, for each lost event, where its work stopped: so a loss is explained. */
    private static void explain(PrintStream out, SimulatedZendeskAccount account, List<String> lost) {
        var work = account.writeSide().work();
        var relayKinds = new HashSet<>(RelaySender.EVENT_KINDS);
        relayKinds.add(WebhookInbox.KIND);
        relayKinds.add(io.engagementbridge.relay.RelaySweep.KIND);
        var dead = work.items(account.connectionId(), WorkState.DEAD, 1_000_000);
        var relayDead = dead.stream().filter(item -> relayKinds.contains(item.kind())).toList();
        out.printf("%nRelay dead letters: %,d%n", relayDead.size());
        var reasons = new java.util.TreeMap<String, Integer>();
        relayDead.forEach(item -> reasons.merge(item.kind() + ": " + item.lastError().orElse("no reason"), 1, Integer::sum));
        reasons.forEach((reason, count) -> out.printf("  %,d × %s%n", count, reason));
        var others = new java.util.TreeMap<String, Integer>();
        dead.stream().filter(item -> !relayKinds.contains(item.kind())).forEach(item -> others.merge(item.kind(), 1, Integer::sum));
        if (!others.isEmpty()) {
            out.printf("Other work dead-lettered (not the relay's): %s%n", others);
        }
        if (lost.isEmpty()) {
            return;
        }
        var all = new ArrayList<io.engagementbridge.work.WorkItem>();
        for (var state : WorkState.values()) {
            all.addAll(work.items(account.connectionId(), state, 1_000_000));
        }
        for (var key : lost.stream().limit(20).toList()) {
            var ticket = key.substring(0, key.indexOf(':'));
            var mentions = java.util.regex.Pattern.compile("\\\\?\"ticket_id\\\\?\":\\\\?\"?" + ticket + "\\\\?\"?[,}]");
            out.printf("Lost %s; its ticket's work:%n", key);
            all.stream().filter(item -> mentions.matcher(item.payload()).find()).sorted(Comparator.comparingLong(io.engagementbridge.work.WorkItem::id))
                    .forEach(item -> out.printf("  #%d %s %s attempts %d, created %s, next %s, last error: %s; %s%n", item.id(), item.kind(),
                            item.state(), item.attempts(), item.createdAt(), item.nextAttemptAt(), item.lastError().orElse("none"),
                            item.payload().length() > 300 ? item.payload().substring(0, 300) + "…" : item.payload()));
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return App.mapper().readTree(json);
        } catch (IOException e) {
            return App.mapper().missingNode();
        }
    }

    private static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        var sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    private static boolean check(List<String> lines, boolean ok, String what) {
        lines.add((ok ? "PASS  " : "FAIL  ") + what);
        return ok;
    }

    private static void deleteQuietly(java.nio.file.Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
