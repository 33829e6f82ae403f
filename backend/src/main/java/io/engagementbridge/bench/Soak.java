package io.engagementbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.App;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.CallerPolicy;
import io.engagementbridge.demo.Demo;
import io.engagementbridge.demo.engagement.EngagementSimulator;
import io.engagementbridge.demo.engagement.Faults;
import io.engagementbridge.demo.engagement.SeedCustomers;
import io.engagementbridge.demo.engagement.SimulatedCustomer;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.sidebar.SidebarController;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * {@code java -jar engagement-bridge.jar benchmark soak}: the backend under steady load from wrk (2,000
 * customers, 10 % unknown e-mails, 5 % hostile bodies) through three phases: clean, rotating upstream
 * faults (30 % 500, 30 % 429, 10 % hangs, 20 % invalid JSON), clean again. The backend logs as in
 * production, into a file whose bytes are counted; its one line per request gives statuses and server
 * latencies. Prints a table per phase and PASS/FAIL lines; false when a check failed.
 */
final class Soak {
    static final int CUSTOMERS = 2_000;
    static final int HOSTILE_PERCENT = 5;
    static final int UNKNOWN_PERCENT = 10;
    static final Faults FAULTS = new Faults(30, 30, 10, 20, Duration.ofSeconds(30));
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final long LOG_BYTES_LIMIT = 200;
    private static final Duration WRK_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern REQUEST_LINE = Pattern.compile("^(\\d\\d):(\\d\\d):(\\d\\d)\\.\\d{3} .* INFO  request - POST (\\S+) (\\d{3}) (\\d+)ms$");

    private record Phase(String name, Faults faults, Duration duration) {
    }

    private final SoakOptions options;
    private final PrintStream progress;
    private final BridgeConfig config = BridgeConfig.forLoopback(0).withCallers(new CallerPolicy(List.of(), null, Integer.MAX_VALUE));

    private Soak(SoakOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    static boolean run(List<String> args, PrintStream out, PrintStream progress) {
        var options = SoakOptions.parse(args);
        try {
            var log = Files.createTempFile("engagement-bridge-soak-", ".log");
            var written = new AtomicLong();
            var console = System.err;
            try (var file = new FileOutputStream(log.toFile())) {
                // The backend's log goes where its console appender writes at the time: System.err, now this file.
                System.setErr(new PrintStream(new Counting(file, written), true, StandardCharsets.UTF_8));
                var started = Instant.now();
                var phases = new Soak(options, progress).measure(log, written);
                System.setErr(console);
                print(out, options, phases, started, log, written.get());
                return checks(phases).stream().allMatch(Check::pass);
            } finally {
                System.setErr(console);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<SoakPhase> measure(Path log, AtomicLong written) throws IOException {
        var customers = new SeedCustomers(SeedCustomers.DEMO_NOW).generate(SeedCustomers.DEMO_SEED, CUSTOMERS);
        var engagement = new EngagementSimulator(customers, SeedCustomers.DEMO_NOW);
        engagement.setLatency(options.upstreamLatency());
        var engagementServer = engagement.app().start("127.0.0.1", 0);
        var deps = new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy(), config.capacity()),
                Ticker.systemTicker(), Clock.systemUTC());
        var backend = App.create(config, deps).start("127.0.0.1", 0);
        try {
            var mapper = App.mapper();
            var sidebar = URI.create("http://127.0.0.1:" + backend.port() + SidebarController.PATH);
            var opens = new SidebarOpens(mapper, Demo.installation(sidebar.resolve("/").toString(),
                    "http://127.0.0.1:" + engagementServer.port(), Map.of("event_types", "")).browserSettings(mapper));
            var wrk = Wrk.mixing(customers.stream().map(SimulatedCustomer::email).map(opens::body).toList(), hostile(mapper, opens),
                    opens.body("unknown-" + Wrk.COUNTER + "@example.com"), HOSTILE_PERCENT, UNKNOWN_PERCENT, SidebarOpens.HEADERS, options.seed());
            progress.println("benchmark soak: warming up for " + WARM_UP.toSeconds() + " s ...");
            wrk.output(sidebar, options.connections(), WARM_UP, WRK_TIMEOUT);
            var results = new ArrayList<SoakPhase>();
            for (var phase : List.of(new Phase("clean", Faults.NONE, options.clean()), new Phase("faults", FAULTS, options.faults()),
                    new Phase("clean again", Faults.NONE, options.clean()))) {
                progress.println("benchmark soak: " + phase.name() + " for " + phase.duration().toSeconds() + " s ...");
                engagement.setFaults(phase.faults());
                var heapStart = HeapProbe.usedHeapAfterGc();
                var logFrom = written.get();
                var callsFrom = engagement.calls();
                var output = wrk.output(sidebar, options.connections(), phase.duration(), WRK_TIMEOUT);
                Benchmark.sleep(Duration.ofMillis(500)); // the last answers' log lines
                var logTo = written.get();
                var calls = engagement.calls() - callsFrom;
                var heapEnd = HeapProbe.usedHeapAfterGc();
                results.add(phase(phase, output, readLog(log, logFrom, logTo), calls, logTo - logFrom, heapStart, heapEnd));
            }
            return results;
        } finally {
            engagement.setFaults(Faults.NONE);
            backend.stop();
            engagementServer.stop();
        }
    }

    /** A body listing 5,000 e-mails, one that is not JSON, one over the size limit, one with the wrong shapes. */
    private static List<String> hostile(ObjectMapper mapper, SidebarOpens opens) throws IOException {
        var many = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(opens.body("First.Stranger@Example.com"));
        var emails = ((com.fasterxml.jackson.databind.node.ObjectNode) many.get("requester")).putArray("emails");
        for (int i = 0; i < 5_000; i++) {
            emails.add((i % 2 == 0 ? "Stranger-" : "stranger-") + (i / 2) + "@example.com");
        }
        var oversized = mapper.createObjectNode().put("padding", "x".repeat(300 * 1024)).toString();
        return List.of(many.toString(), "{\"requester\": {\"email\": ", oversized, "{\"requester\": \"nobody\", \"settings\": 42}");
    }

    private record LogLines(TreeMap<Integer, Long> statuses, long[] millis, long sidebarOpens, TreeMap<Integer, Long> perSecond) {
    }

    private static LogLines readLog(Path log, long from, long to) throws IOException {
        var bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, to - from)];
        try (var file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(from);
            file.readFully(bytes);
        }
        var statuses = new TreeMap<Integer, Long>();
        var perSecond = new TreeMap<Integer, Long>();
        var millis = new long[1024];
        var count = 0;
        var opens = 0L;
        var firstSecond = -1;
        for (var line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            var match = REQUEST_LINE.matcher(line);
            if (!match.matches()) {
                continue;
            }
            var second = Integer.parseInt(match.group(1)) * 3600 + Integer.parseInt(match.group(2)) * 60 + Integer.parseInt(match.group(3));
            firstSecond = firstSecond < 0 ? second : firstSecond;
            second += second < firstSecond ? 86_400 : 0; // past midnight
            perSecond.merge(second, 1L, Long::sum);
            statuses.merge(Integer.parseInt(match.group(5)), 1L, Long::sum);
            if (match.group(4).equals(SidebarController.PATH)) {
                opens++;
            }
            if (count == millis.length) {
                millis = Arrays.copyOf(millis, count * 2);
            }
            millis[count++] = Long.parseLong(match.group(6));
        }
        var sorted = Arrays.copyOf(millis, count);
        Arrays.sort(sorted);
        return new LogLines(statuses, sorted, opens, perSecond);
    }

    private static SoakPhase phase(Phase phase, String wrkOutput, LogLines lines, long calls, long logBytes, long heapStart, long heapEnd) {
        var result = wrkOutput.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no RESULT line:\n" + wrkOutput));
        var numbers = Arrays.stream(result.substring("RESULT ".length()).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
        var requests = numbers[3];
        var seconds = numbers[4] / 1e6;
        return new SoakPhase(phase.name(), phase.duration(), requests, requests / seconds, lines.statuses(),
                percentile(lines.millis(), 50), percentile(lines.millis(), 99),
                Duration.ofMillis(lines.millis().length == 0 ? 0 : lines.millis()[lines.millis().length - 1]),
                numbers[5], numbers[6], calls, lines.sidebarOpens(), logBytes, heapStart, heapEnd, slowestWindowShare(lines.perSecond()));
    }

    private static Duration percentile(long[] sorted, int percent) {
        return sorted.length == 0 ? Duration.ZERO : Duration.ofMillis(sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)]);
    }

    /** Least over median requests per 10-second window, leaving out the partial first and last second. */
    private static double slowestWindowShare(TreeMap<Integer, Long> perSecond) {
        if (perSecond.size() < 3) {
            return 1;
        }
        var inner = new ArrayList<>(perSecond.subMap(perSecond.firstKey() + 1, perSecond.lastKey()).entrySet());
        var windows = new ArrayList<Long>();
        var span = (int) WINDOW.toSeconds();
        for (int start = inner.isEmpty() ? 0 : inner.get(0).getKey(); !inner.isEmpty() && start + span - 1 <= inner.get(inner.size() - 1).getKey(); start += span) {
            var sum = 0L;
            for (int second = start; second < start + span; second++) {
                sum += perSecond.getOrDefault(second, 0L);
            }
            windows.add(sum);
        }
        if (windows.size() < 2) {
            return 1;
        }
        var sorted = windows.stream().sorted().toList();
        var median = sorted.get(sorted.size() / 2);
        return median == 0 ? 0 : (double) sorted.get(0) / median;
    }

    record Check(boolean pass, String description) {
    }

    static List<Check> checks(List<SoakPhase> phases) {
        var deadline = BridgeConfig.forLoopback(0).capacity().sidebarDeadline();
        var limit = deadline.plusSeconds(1);
        var checks = new ArrayList<Check>();
        for (var phase : phases) {
            checks.add(new Check(phase.serverErrors() == 0, format("%s: %,d answers 5xx (0 allowed)", phase.name(), phase.serverErrors())));
            checks.add(new Check(phase.logBytesPerRequest() <= LOG_BYTES_LIMIT,
                    format("%s: %.0f log bytes per request <= %d", phase.name(), phase.logBytesPerRequest(), LOG_BYTES_LIMIT)));
            checks.add(new Check(phase.p99().compareTo(limit) <= 0,
                    format("%s: server p99 %,d ms <= deadline + 1 s = %,d ms", phase.name(), phase.p99().toMillis(), limit.toMillis())));
            checks.add(new Check(phase.slowestWindowShare() >= 0.7,
                    format("%s: slowest %d s window at %.0f%% of the median window's requests/s (>= 70%%, no dip over 30%%)",
                            phase.name(), WINDOW.toSeconds(), 100 * phase.slowestWindowShare())));
        }
        var clean = phases.get(0);
        var faults = phases.get(1);
        var last = phases.get(phases.size() - 1);
        checks.add(new Check(faults.requestsPerSecond() >= clean.requestsPerSecond() / 2, format("requests/s under faults %,.0f >= 50%% of clean %,.0f (%.0f%%)",
                faults.requestsPerSecond(), clean.requestsPerSecond(), 100 * faults.requestsPerSecond() / clean.requestsPerSecond())));
        checks.add(new Check(last.heapEnd() <= 2 * clean.heapEnd(), format("live heap after GC at the end %s <= 2 x after the first phase %s",
                megabytes(last.heapEnd()), megabytes(clean.heapEnd()))));
        return checks;
    }

    private static void print(PrintStream out, SoakOptions options, List<SoakPhase> phases, Instant started, Path log, long logBytes) {
        out.println(format("Engagement Bridge soak, %s (took %d s)",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(started.atOffset(ZoneOffset.UTC)), Duration.between(started, Instant.now()).toSeconds()));
        out.println("Machine: " + Machine.describe());
        out.println(format("Setup: Engagement simulator (%d ms per call) and the backend in this JVM on loopback, default configuration; "
                        + "`wrk -t%d -c%d` from a second process: %,d customers, %d%% unknown e-mails, %d%% hostile bodies (5,000 e-mails, not JSON, "
                        + "over the size limit, wrong shapes). After a %d s warm-up, phases: clean %d s, faults %d s (%d%% 500, %d%% 429, %d%% hangs, %d%% invalid JSON), clean %d s.",
                options.upstreamLatency().toMillis(), Wrk.THREADS, options.connections(), CUSTOMERS, UNKNOWN_PERCENT, HOSTILE_PERCENT,
                WARM_UP.toSeconds(), options.clean().toSeconds(), options.faults().toSeconds(), FAULTS.serverErrorPercent(), FAULTS.rateLimitedPercent(),
                FAULTS.hangPercent(), FAULTS.invalidJsonPercent(), options.clean().toSeconds()));
        out.println();
        out.println("| phase | requests | requests/s | answers by status | server p50 / p99 / max | unanswered (socket errors / timeouts) "
                + "| upstream calls per open | log bytes per request | live heap after GC, start → end | slowest 10 s window |");
        out.println("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        for (var phase : phases) {
            var statuses = new StringBuilder();
            phase.statuses().forEach((status, count) -> statuses.append(statuses.isEmpty() ? "" : ", ").append(status).append(": ").append(format("%,d", count)));
            out.println(format("| %s | %,d | %,.0f | %s | %,d / %,d / %,d ms | %d / %d | %.2f | %.0f | %s → %s | %.0f%% |", phase.name(), phase.requests(),
                    phase.requestsPerSecond(), statuses, phase.p50().toMillis(), phase.p99().toMillis(), phase.max().toMillis(),
                    phase.socketErrors(), phase.timeouts(), phase.callsPerOpen(), phase.logBytesPerRequest(),
                    megabytes(phase.heapStart()), megabytes(phase.heapEnd()), 100 * phase.slowestWindowShare()));
        }
        out.println();
        out.println(format("Backend log: %,d bytes in %s", logBytes, log));
        out.println();
        checks(phases).forEach(check -> out.println((check.pass() ? "PASS  " : "FAIL  ") + check.description()));
    }

    private static String megabytes(long bytes) {
        return format("%.1f MB", bytes / 1e6);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    /** Passes bytes on, counting them. */
    private static final class Counting extends OutputStream {
        private final OutputStream target;
        private final AtomicLong count;

        Counting(OutputStream target, AtomicLong count) {
            this.target = target;
            this.count = count;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            count.addAndGet(len);
        }
    }
}
