package io.engagementbridge.bench;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.App;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.CacheConfig;
import io.engagementbridge.config.CallerPolicy;
import io.engagementbridge.config.Capacity;
import io.engagementbridge.demo.Demo;
import io.engagementbridge.demo.engagement.EngagementSimulator;
import io.engagementbridge.demo.engagement.SeedCustomers;
import io.engagementbridge.demo.engagement.SimulatedCustomer;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.profile.CustomerId;
import io.engagementbridge.profile.CustomerProfile;
import io.engagementbridge.profile.ProfileCache;
import io.engagementbridge.profile.ProfileKey;
import io.engagementbridge.profile.ProfileLookup;
import io.engagementbridge.profile.ProfileRequest;
import io.engagementbridge.profile.ProfileRequests;
import io.engagementbridge.settings.SettingsParser;
import io.engagementbridge.sidebar.SidebarController;
import io.javalin.Javalin;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code java -jar engagement-bridge.jar benchmark}: upstream calls with and without the cache, one
 * customer opened by many agents at once, cache-hit render cost against a no-op endpoint on the same
 * server, and heap per cached profile. Prints a table and PASS/FAIL lines; exits 1 if any check fails.
 * {@code benchmark soak} runs {@link Soak} instead.
 */
public final class Benchmark {
    /** Recent interactions off: with them every profile load costs one more (events) call, which would blur "calls per load". */
    private static final Map<String, String> FIELDS_ONLY = Map.of("event_types", "");

    static final int CUSTOMERS = 200;
    static final int OPENS = 1_000;
    static final double ZIPF_EXPONENT = 1.1;
    static final int STAMPEDE = 100;
    static final int OPEN_CONCURRENCY = 16;
    static final Duration WARM_UP = Duration.ofSeconds(3);
    static final String NOOP_PATH = "/benchmark/noop";
    static final Duration STALE_AFTER = Duration.ofSeconds(1);

    private final BenchmarkOptions options;
    private final EngagementSimulator engagement;
    private final List<SimulatedCustomer> customers;
    private final PrintStream progress;
    private final AtomicReference<AsyncCacheLoader<ProfileKey, ProfileLookup>> loader = new AtomicReference<>();

    private Benchmark(BenchmarkOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
        // One customer more than the Zipf population: the stampede's, so nothing has cached it yet.
        this.customers = new SeedCustomers(SeedCustomers.DEMO_NOW).generate(SeedCustomers.DEMO_SEED, CUSTOMERS + 1);
        this.engagement = new EngagementSimulator(customers, SeedCustomers.DEMO_NOW);
    }

    /** One named benchmark: its arguments after the name, the environment, the report stream and the progress stream. */
    @FunctionalInterface
    private interface Named {
        boolean run(List<String> args, Map<String, String> env, PrintStream out, PrintStream progress) throws Exception;
    }

    private static final Map<String, Named> NAMED = Map.of(
            "soak", (args, env, out, progress) -> Soak.run(args, out, progress),
            "zendesk", ZendeskBenchmark::run,
            "priority", PriorityBenchmark::run,
            "relay", RelayBenchmark::run,
            "sync", SyncBenchmark::run,
            "first-sidebar", (args, env, out, progress) -> FirstSidebar.run(out, progress));

    /**
     * {@code benchmark [name] …}: the named benchmark, else the sidebar's. Runs every phase, saying which on
     * {@code progress}, and prints the report on {@code out}; true when every check passed.
     */
    public static boolean run(List<String> args, Map<String, String> env, PrintStream out, PrintStream progress) throws Exception {
        var name = args.isEmpty() ? "" : args.get(0);
        if (!name.equals("soak")) {
            // A line per request or per retried write would flood the output (the soak judges the log itself).
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(name.equals("relay") ? ch.qos.logback.classic.Level.ERROR : ch.qos.logback.classic.Level.WARN);
        }
        var named = NAMED.get(name);
        if (named != null) {
            return named.run(args.subList(1, args.size()), env, out, progress);
        }
        var report = new Benchmark(BenchmarkOptions.parse(args, env), progress).measure();
        report.print(out);
        return report.passed();
    }

    private BenchmarkReport measure() {
        var started = Instant.now();
        engagement.setLatency(options.upstreamLatency());
        var engagementServer = engagement.app().start("127.0.0.1", 0);
        var engagementUrl = "http://127.0.0.1:" + engagementServer.port();
        engagement.setPublicBaseUrl(engagementUrl);
        var cached = backend((config, ticker, cacheLoader) -> {
            loader.set(cacheLoader);
            return new ProfileCache(config, ticker, cacheLoader);
        });
        var baseline = backend((config, ticker, cacheLoader) -> new PassThroughStore(cacheLoader));
        // Same cache, but profiles count as stale after a second, so "Engagement is down" can be shown without a long wait.
        var refreshing = backend(ProfileCache::new, new CacheConfig(CacheConfig.DEFAULTS.ttl(), STALE_AFTER,
                CacheConfig.DEFAULTS.notFoundTtl(), CacheConfig.DEFAULTS.maxEntries(), CacheConfig.DEFAULTS.maxBytes()));
        var mapper = App.mapper();
        var opens = new SidebarOpens(mapper, Demo.installation(url(cached, "").toString(), engagementUrl, FIELDS_ONLY).browserSettings(mapper));
        try {
            var ranks = new ZipfSampler(CUSTOMERS, ZIPF_EXPONENT, options.seed()).next(OPENS);
            var zipfEmails = Arrays.stream(ranks).mapToObj(rank -> customers.get(rank).email()).toList();
            step("Zipf opens through the cache");
            var cachedCalls = upstreamCalls(() -> opens.openAll(url(cached, SidebarController.PATH), zipfEmails, OPEN_CONCURRENCY));
            step("the same opens through the pass-through baseline");
            var baselineCalls = upstreamCalls(() -> opens.openAll(url(baseline, SidebarController.PATH), zipfEmails, OPEN_CONCURRENCY));
            step(STAMPEDE + " concurrent opens of one customer");
            var stampedeEmails = Collections.nCopies(STAMPEDE, customers.get(CUSTOMERS).email());
            var stampedeCalls = upstreamCalls(() -> opens.openAll(url(cached, SidebarController.PATH), stampedeEmails, STAMPEDE));
            var failed = opens.failures();

            step("Engagement down: reopening a known customer whose profile is older than its refresh interval");
            var staleCustomer = customers.get(1);
            opens.open(url(refreshing, SidebarController.PATH), staleCustomer.email());
            sleep(STALE_AFTER.plusMillis(200));
            engagement.setDown(true);
            var staleStarted = System.nanoTime();
            var stalePage = opens.open(url(refreshing, SidebarController.PATH), staleCustomer.email()).body();
            var staleOpen = Duration.ofNanos(System.nanoTime() - staleStarted);
            engagement.setDown(false);
            var staleShown = stalePage.contains("eb-stale") && stalePage.contains(staleCustomer.lastName())
                    && !stalePage.contains("data-state=\"error\"");

            // The most popular customer, cached by the Zipf run.
            var hitCustomer = customers.get(0);
            var hitPage = opens.open(url(cached, SidebarController.PATH), hitCustomer.email()).body();
            if (!hitPage.contains("eb-sidebar") || !hitPage.contains(hitCustomer.lastName())) {
                throw new IllegalStateException("the cache-hit page does not show the customer's profile:\n" + hitPage);
            }
            var wrk = Wrk.posting(opens.body(hitCustomer.email()), SidebarOpens.HEADERS);
            // The requester's name is part of what makes a page reusable; numbering it makes every page a new render.
            var rendering = Wrk.posting(opens.body(hitCustomer.email(), "Requester " + Wrk.COUNTER), SidebarOpens.HEADERS);
            step("wrk: warming up, then the no-op endpoint, cache-hit sidebars, cache-hit sidebars rendered anew");
            load(wrk, url(cached, NOOP_PATH), WARM_UP);
            load(wrk, url(cached, SidebarController.PATH), WARM_UP);
            load(rendering, url(cached, SidebarController.PATH), WARM_UP);
            var noop = load(wrk, url(cached, NOOP_PATH), options.loadDuration());
            engagement.resetCalls();
            var hit = load(wrk, url(cached, SidebarController.PATH), options.loadDuration());
            var rendered = load(rendering, url(cached, SidebarController.PATH), options.loadDuration());
            var hitCalls = engagement.calls();

            step("heap of " + BenchmarkReport.HEAP_PROFILES + " cached profiles");
            engagement.setLatency(Duration.ZERO);
            var request = new ProfileRequests(new SettingsParser(BridgeConfig.forLoopback(0).hostPolicy(), mapper))
                    .get(opens.settingsJson(), new Credentials(SimulatedProject.KEY_ID, SimulatedProject.KEY_SECRET));
            var heap = HeapProbe.measure(BenchmarkReport.HEAP_PROFILES, templates(request), request);
            return new BenchmarkReport(started, Machine.describe(), options, CUSTOMERS, OPENS,
                    (int) Arrays.stream(ranks).distinct().count(), cachedCalls, baselineCalls, STAMPEDE, stampedeCalls,
                    hit, rendered, noop, hitCalls, failed, heap, staleOpen, staleShown, Duration.between(started, Instant.now()));
        } finally {
            cached.stop();
            baseline.stop();
            refreshing.stop();
            engagementServer.stop();
        }
    }

    private Javalin backend(App.StoreFactory stores) {
        return backend(stores, CacheConfig.DEFAULTS);
    }

    private Javalin backend(App.StoreFactory stores, CacheConfig cache) {
        // One key pair sends every request here, far above any per-key rate a production backend would allow;
        // the limiter still runs (and costs what it costs) but never refuses.
        var config = BridgeConfig.forLoopback(0).withCallers(new CallerPolicy(List.of(), null, Integer.MAX_VALUE)).withCache(cache)
                // Refreshes start at once: a jittered one (the stale open's) could land in a later run and count as its call.
                .withCapacity(Capacity.DEFAULTS.withRefresh(Capacity.DEFAULTS.refreshConcurrency(), Duration.ZERO));
        var deps = new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy(), config.capacity()), Ticker.systemTicker(), Clock.systemUTC());
        return App.create(config, deps, stores, routes -> routes.post(NOOP_PATH, ctx -> ctx.result("ok")))
                .start("127.0.0.1", config.port());
    }

    private LoadResult load(Wrk wrk, URI url, Duration duration) {
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var before = cpu.getProcessCpuTime();
        var result = wrk.run(url, options.connections(), duration);
        return result.withServerCpu(Duration.ofNanos(cpu.getProcessCpuTime() - before));
    }

    private long upstreamCalls(Runnable phase) {
        engagement.resetCalls();
        phase.run();
        return engagement.calls();
    }

    /** The real profiles of the Zipf population, loaded through the backend's own loader. */
    private List<CustomerProfile> templates(ProfileRequest request) {
        var upstream = new PassThroughStore(loader.get());
        var loads = customers.subList(0, CUSTOMERS).stream().map(customer -> upstream.get(new ProfileKey(request,
                new CustomerId(request.settings().customerIdName(), customer.email())))).toList();
        return loads.stream().map(CompletableFuture::join)
                .map(lookup -> ((ProfileLookup.Found) lookup).profile()).toList();
    }

    private static URI url(Javalin server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private void step(String what) {
        progress.println("benchmark: " + what + " ...");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
