package io.engagementbridge.bench;

import io.engagementbridge.App;
import io.engagementbridge.Main;
import io.engagementbridge.demo.Demo;
import io.engagementbridge.demo.engagement.EngagementSimulator;
import io.engagementbridge.demo.engagement.SeedCustomers;
import io.engagementbridge.demo.engagement.SimulatedCustomer;
import io.engagementbridge.sidebar.SidebarController;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code benchmark first-sidebar}: how much slower the first sidebar after a fresh start is than a warm one.
 * Starts {@code serve} as a new JVM (so nothing is loaded or compiled yet), with and without the startup
 * warm-up, opens the first sidebar the moment {@code /health} says ok, then {@value #WARM_OPENS} more, each
 * for a different customer so every open costs one Engagement call. Prints first, warm p50 and their ratio.
 */
final class FirstSidebar {
    static final int WARM_OPENS = 30;
    static final int ROUNDS = 3;
    static final double GOAL_RATIO = 2.0;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final PrintStream progress;
    /** Plain names only, so "the page shows the customer" is a simple text check (the hostile seed customer is tested elsewhere). */
    private final List<SimulatedCustomer> customers = new SeedCustomers(SeedCustomers.DEMO_NOW).generate(SeedCustomers.DEMO_SEED, 400).stream()
            .filter(customer -> customer.lastName().matches("[A-Za-z]+") && customer.email().matches("[a-z0-9.]+@[a-z0-9.]+")).toList();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private FirstSidebar(PrintStream progress) {
        this.progress = progress;
    }

    record Round(double firstMillis, double warmP50Millis) {
        double ratio() {
            return firstMillis / warmP50Millis;
        }
    }

    static boolean run(PrintStream out, PrintStream progress) throws Exception {
        return new FirstSidebar(progress).measure(out);
    }

    private boolean measure(PrintStream out) throws Exception {
        var engagement = new EngagementSimulator(customers, SeedCustomers.DEMO_NOW);
        var server = engagement.app().start("127.0.0.1", 0);
        var engagementUrl = "http://127.0.0.1:" + server.port();
        engagement.setPublicBaseUrl(engagementUrl);
        try {
            var results = new java.util.LinkedHashMap<String, List<Round>>();
            var next = 0;
            for (var warmUp : List.of(false, true)) {
                var rounds = new ArrayList<Round>();
                for (int round = 0; round < ROUNDS; round++) {
                    progress.printf("benchmark first-sidebar: fresh JVM, warm-up %s, round %d of %d%n", warmUp ? "on" : "off", round + 1, ROUNDS);
                    rounds.add(round(engagementUrl, warmUp, customers.subList(next, next + WARM_OPENS + 1)));
                    next += WARM_OPENS + 1;
                }
                results.put(warmUp ? "on" : "off", rounds);
            }
            out.println("First sidebar after start vs warm (new JVM per round; one Engagement call per open, simulator on loopback)");
            out.printf("%-10s %12s %14s %8s%n", "warm-up", "first (ms)", "warm p50 (ms)", "ratio");
            results.forEach((name, rounds) -> rounds.forEach(r ->
                    out.printf("%-10s %12.1f %14.1f %8.2f%n", name, r.firstMillis(), r.warmP50Millis(), r.ratio())));
            var worstWithWarmUp = results.get("on").stream().mapToDouble(Round::ratio).max().orElseThrow();
            var passed = worstWithWarmUp <= GOAL_RATIO;
            out.printf("%s first sidebar with warm-up at most %.1f× a warm one (worst round %.2f×)%n", passed ? "PASS" : "FAIL", GOAL_RATIO, worstWithWarmUp);
            return passed;
        } finally {
            server.stop();
        }
    }

    private Round round(String engagementUrl, boolean warmUp, List<SimulatedCustomer> people) throws Exception {
        var port = freePort();
        var dataDir = Files.createTempDirectory("engagement-bridge-first-sidebar");
        var java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("BRIDGE_PORT", String.valueOf(port), "BRIDGE_ALLOWED_HOSTS", "127.0.0.1",
                "BRIDGE_ALLOW_HTTP_LOOPBACK", "true", "BRIDGE_DATA_DIR", dataDir.toString(), "BRIDGE_WARM_UP", String.valueOf(warmUp)));
        var process = builder.start();
        try {
            var base = "http://127.0.0.1:" + port;
            awaitHealthy(base);
            var opens = new SidebarOpens(App.mapper(), Demo.installation(base, engagementUrl, Map.of("event_types", "")).browserSettings(App.mapper()));
            var sidebar = URI.create(base + SidebarController.PATH);
            var first = timed(opens, sidebar, people.get(0));
            var warm = new ArrayList<Double>();
            for (var person : people.subList(1, people.size())) {
                warm.add(timed(opens, sidebar, person));
            }
            Collections.sort(warm);
            return new Round(first, warm.get(warm.size() / 2));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * One open through the same HTTP client (and kept-alive connection) that polled {@code /health}, as a load balancer
     * would have: only the server's side of the first open is measured, not this client's first connection.
     */
    private double timed(SidebarOpens opens, URI sidebar, SimulatedCustomer person) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(sidebar).POST(HttpRequest.BodyPublishers.ofString(opens.body(person.email())));
        SidebarOpens.HEADERS.forEach(request::header);
        var started = System.nanoTime();
        var page = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        var millis = (System.nanoTime() - started) / 1e6;
        if (page.statusCode() != 200 || !page.body().contains(person.lastName())) {
            throw new IllegalStateException("the sidebar did not show " + person.email() + ": HTTP " + page.statusCode());
        }
        return millis;
    }

    private void awaitHealthy(String base) throws InterruptedException {
        var deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var answer = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("serve did not answer /health within " + START_TIMEOUT.toSeconds() + " s");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
