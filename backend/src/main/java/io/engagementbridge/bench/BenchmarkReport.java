package io.engagementbridge.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Everything one run measured, printed as a Markdown table followed by the acceptance checks. */
record BenchmarkReport(
        Instant date,
        String machine,
        BenchmarkOptions options,
        int customers,
        int opens,
        int distinctCustomers,
        long cachedCalls,
        long baselineCalls,
        int stampedeOpens,
        long stampedeCalls,
        LoadResult cacheHit,
        LoadResult rendered,
        LoadResult noop,
        long cacheHitUpstreamCalls,
        int failedOpens,
        HeapProbe.Result heap,
        Duration staleOpen,
        boolean staleShown,
        Duration took) {
    static final Duration STALE_LIMIT = Duration.ofMillis(200);


    static final int HEAP_PROFILES = 100_000;
    static final long HEAP_LIMIT_BYTES = 200_000_000;

    record Check(boolean pass, String description) {
    }

    List<Check> checks() {
        var heapPer100k = heapPer100k(heap.heapBytes());
        return List.of(
                new Check(cachedCalls <= distinctCustomers, format("Zipf run: %,d upstream calls <= %,d distinct customers", cachedCalls, distinctCustomers)),
                new Check(baselineCalls == opens, format("pass-through baseline: %,d upstream calls for %,d opens", baselineCalls, opens)),
                new Check(stampedeCalls == 1, format("%d concurrent opens of one customer: %d upstream call(s), expected 1", stampedeOpens, stampedeCalls)),
                new Check(cacheHit.p99().compareTo(noop.p99().multipliedBy(2)) <= 0,
                        format("cache-hit p99 %s <= 2 x no-op p99 %s", millis(cacheHit.p99()), millis(noop.p99()))),
                new Check(cacheHit.requestsPerSecond() >= noop.requestsPerSecond() / 2, format("cache-hit throughput %,.0f req/s >= 50%% of no-op %,.0f req/s (%.0f%%)",
                        cacheHit.requestsPerSecond(), noop.requestsPerSecond(), 100 * cacheHit.requestsPerSecond() / noop.requestsPerSecond())),
                new Check(staleShown && staleOpen.compareTo(STALE_LIMIT) <= 0, format("Engagement down: known customer reopened in %s (<= %s) %s",
                        millis(staleOpen), millis(STALE_LIMIT), staleShown ? "showing the stale profile with its age" : "WITHOUT the stale profile")),
                new Check(heapPer100k <= HEAP_LIMIT_BYTES, format("heap %s <= %s per %,d cached profiles", megabytes(heapPer100k), megabytes(HEAP_LIMIT_BYTES), HEAP_PROFILES)),
                new Check(failedOpens + cacheHit.errors() + rendered.errors() + noop.errors() == 0 && cacheHitUpstreamCalls == 0,
                        format("every request answered 2xx (%d failed) and the cache-hit loads made %d upstream calls",
                                failedOpens + cacheHit.errors() + rendered.errors() + noop.errors(), cacheHitUpstreamCalls)));
    }

    boolean passed() {
        return checks().stream().allMatch(Check::pass);
    }

    void print(PrintStream out) {
        out.println(format("Engagement Bridge benchmark, %s (took %d s)",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(date.atOffset(ZoneOffset.UTC)), took.toSeconds()));
        out.println("Machine: " + machine);
        out.println(format("Setup: Engagement simulator (%,d ms per call) and two backends in this JVM on loopback: ours and a pass-through"
                        + " baseline without cache. Opens from %d client threads in this process; latency and throughput by `wrk -t%d -c%d -d%ds`"
                        + " from a second process after a %d s warm-up, against the no-op endpoint on the same server as the reference.",
                options.upstreamLatency().toMillis(), Benchmark.OPEN_CONCURRENCY, Wrk.THREADS, options.connections(),
                options.loadDuration().toSeconds(), Benchmark.WARM_UP.toSeconds()));
        out.println();
        out.println("| measurement | Engagement Bridge | reference |");
        out.println("|---|---:|---:|");
        row(out, format("upstream calls: %,d opens over %d customers, Zipf s=%.1f (seed %d, %d distinct)",
                opens, customers, Benchmark.ZIPF_EXPONENT, options.seed(), distinctCustomers), format("%,d", cachedCalls), format("%,d (pass-through)", baselineCalls));
        row(out, format("upstream calls: %d concurrent opens of one customer", stampedeOpens), format("%,d", stampedeCalls), "–");
        loadRows(out, "cache-hit sidebar, one open repeated (its page is reused)", cacheHit);
        loadRows(out, "cache-hit sidebar rendered for every request (requester name varies)", rendered);
        row(out, "Engagement down: reopening a known customer whose profile is past its refresh interval",
                millis(staleOpen) + (staleShown ? ", stale profile with its age" : ", no stale profile"), "≤ " + millis(STALE_LIMIT));
        row(out, format("heap per %,d cached profiles of %d fields", HEAP_PROFILES, heap.fields()), megabytes(heapPer100k(heap.heapBytes())),
                "cache's estimate " + megabytes(heapPer100k(heap.estimatedBytes())));
        out.println();
        checks().forEach(check -> out.println((check.pass() ? "PASS  " : "FAIL  ") + check.description()));
    }

    private void loadRows(PrintStream out, String what, LoadResult result) {
        row(out, what + " vs no-op endpoint: p50 / p95 / p99", percentiles(result), percentiles(noop));
        row(out, "… throughput", format("%,.0f req/s (%.0f%%)", result.requestsPerSecond(), 100 * result.requestsPerSecond() / noop.requestsPerSecond()),
                format("%,.0f req/s", noop.requestsPerSecond()));
        row(out, "… server CPU per request (this JVM, GC included)", micros(result.serverCpuPerRequest()), micros(noop.serverCpuPerRequest()));
    }

    private long heapPer100k(long bytes) {
        return bytes * HEAP_PROFILES / heap.profiles();
    }

    private static void row(PrintStream out, String what, String ours, String reference) {
        out.println("| " + what + " | " + ours + " | " + reference + " |");
    }

    private static String percentiles(LoadResult result) {
        return String.join(" / ", millis(result.p50()), millis(result.p95()), millis(result.p99()));
    }

    private static String millis(Duration duration) {
        return format("%.2f ms", duration.toNanos() / 1e6);
    }

    private static String micros(Duration duration) {
        return format("%,d µs", duration.toNanos() / 1000);
    }

    private static String megabytes(long bytes) {
        return format("%.1f MB", bytes / 1e6);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
