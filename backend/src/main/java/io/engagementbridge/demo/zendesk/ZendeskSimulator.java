package io.engagementbridge.demo.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Zendesk side of the demo: an agent workspace page hosting the real app iframe with the real
 * ZAF SDK, the app's assets as Zendesk's CDN would serve them, and the secure request proxy.
 */
public final class ZendeskSimulator {
    static final String CDN_SDK = "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js";
    static final String LOCAL_SDK = "/sdk/zaf_sdk.js";

    private final ObjectMapper mapper;
    private final AppManifest manifest;
    private final SimulatedInstallation installation;
    private final Supplier<List<SimulatedTicket>> queue;
    private final Map<String, Object> currentUser;
    private final SecureProxy proxy;
    private final LongSupplier engagementCalls;
    private final List<JsonNode> proxied = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Supplier<Arrivals> arrivals = () -> new Arrivals(404, "This workspace has no ticket arrivals to simulate.");
    private volatile LongFunction<Solved> solve = id -> new Solved(404, "This workspace cannot save tickets.");
    private volatile Supplier<Arrivals> cdpSync = () -> new Arrivals(404, "This workspace has no CDP to simulate.");
    private volatile Supplier<Arrivals> cdpSyncProgress = () -> new Arrivals(404, "This workspace has no CDP to simulate.");

    /** What a workspace button ("tickets arrive", "Import + stream") got: an HTTP status and a line for the agent. */
    public record Arrivals(int status, String message) {
    }

    /** What the agent's "Submit as Solved" got: an HTTP status and a line for the agent. */
    public record Solved(int status, String message) {
    }

    /** A workspace whose queue is always these tickets. */
    public ZendeskSimulator(ObjectMapper mapper, SimulatedInstallation installation, List<SimulatedTicket> tickets,
                            Map<String, Object> currentUser, List<String> extraWhitelist, OkHttpClient http,
                            Clock clock, LongSupplier engagementCalls) {
        this(mapper, installation, fixed(tickets), currentUser, extraWhitelist, http, clock, engagementCalls);
    }

    /** A workspace whose queue is read from {@code queue} on every state fetch, e.g. from a Zendesk API simulator. */
    public ZendeskSimulator(ObjectMapper mapper, SimulatedInstallation installation, Supplier<List<SimulatedTicket>> queue,
                            Map<String, Object> currentUser, List<String> extraWhitelist, OkHttpClient http,
                            Clock clock, LongSupplier engagementCalls) {
        this.mapper = mapper;
        this.manifest = AppManifest.load(mapper);
        this.installation = installation;
        this.queue = queue;
        this.currentUser = currentUser;
        var whitelist = new java.util.ArrayList<>(manifest.domainWhitelist());
        whitelist.addAll(extraWhitelist);
        this.proxy = new SecureProxy(manifest, installation, List.copyOf(whitelist), http, new ProxyJwt(mapper, clock));
        this.engagementCalls = engagementCalls;
    }

    public Javalin app() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", ctx -> ClasspathAssets.serve(ctx, "zaf/simulator", "index.html"));
            config.routes.get("/simulator/{file}", ctx -> ClasspathAssets.serve(ctx, "zaf/simulator", ctx.pathParam("file")));
            config.routes.get(LOCAL_SDK, ctx -> ClasspathAssets.serve(ctx, "zaf/sdk", "zaf_sdk.js"));
            config.routes.get("/app/assets/{file}", this::asset);
            config.routes.get("/simulator/api/state", this::state);
            config.routes.post("/simulator/proxy", this::proxy);
            config.routes.post("/simulator/api/arrivals", ctx -> {
                var result = arrivals.get();
                ctx.status(result.status()).json(Map.of("message", result.message()));
            });
            config.routes.post("/simulator/api/tickets/{id}/solve", this::solve);
            config.routes.post("/simulator/api/cdp-sync", ctx -> {
                var result = cdpSync.get();
                ctx.status(result.status()).json(Map.of("message", result.message()));
            });
            config.routes.get("/simulator/api/cdp-sync", ctx -> {
                var result = cdpSyncProgress.get();
                ctx.status(result.status()).json(Map.of("message", result.message()));
            });
        });
    }

    /**
     * What the workspace's "Import + stream" button does (the demo plays a CDP sending to the bridge), and how the last
     * press is doing: 202 while outcomes are still coming, 200 once all are in.
     */
    public void onCdpSync(Supplier<Arrivals> action, Supplier<Arrivals> progress) {
        this.cdpSync = action;
        this.cdpSyncProgress = progress;
    }

    /** What the workspace's "tickets arrive" button does (the demo creates tickets in its Zendesk API simulator). */
    public void onArrivals(Supplier<Arrivals> action) {
        this.arrivals = action;
    }

    /** What the agent's "Submit as Solved" does with a ticket id (the demo saves it through its Zendesk API simulator). */
    public void onSolve(LongFunction<Solved> action) {
        this.solve = action;
    }

    private void solve(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.status(400).json(Map.of("message", "The ticket id must be a number."));
            return;
        }
        var result = solve.apply(id);
        ctx.status(result.status()).json(Map.of("message", result.message()));
    }

    /** Every request option object the browser handed to the proxy, exactly as sent (for tests). */
    public List<JsonNode> proxiedRequests() {
        return List.copyOf(proxied);
    }

    /** Every response body the proxy handed back to the browser, in the same order (for tests). */
    public List<String> proxiedAnswers() {
        return List.copyOf(answers);
    }

    /** The app's real assets; in the pages locations load (iframe.html, admin.html) only the SDK's CDN address is swapped for the local SDK. */
    private void asset(Context ctx) {
        var file = ctx.pathParam("file");
        if (!manifest.locations().containsValue("assets/" + file)) {
            ClasspathAssets.serve(ctx, "zaf/app/assets", file);
            return;
        }
        var page = ClasspathAssets.text("zaf/app/assets/" + file);
        if (!page.contains(CDN_SDK)) {
            throw new IllegalStateException("assets/" + file + " no longer loads the SDK from " + CDN_SDK);
        }
        ctx.html(page.replace(CDN_SDK, LOCAL_SDK));
    }

    private void state(Context ctx) {
        var state = new LinkedHashMap<String, Object>();
        state.put("installation", Map.of("appId", 1, "installationId", 1, "name", manifest.name(),
                "version", manifest.version(), "settings", installation.browserSettings(manifest)));
        state.put("currentUser", currentUser);
        state.put("account", Map.of("subdomain", "acme"));
        state.put("locations", manifest.locations());
        state.put("tickets", queue.get());
        state.put("engagementCalls", engagementCalls.getAsLong());
        ctx.json(state);
    }

    private static Supplier<List<SimulatedTicket>> fixed(List<SimulatedTicket> tickets) {
        var copy = List.copyOf(tickets);
        return () -> copy;
    }

    private void proxy(Context ctx) throws java.io.IOException {
        JsonNode options = mapper.readTree(ctx.body());
        var result = proxy.forward(options);
        if (proxied.size() < 1000) {
            proxied.add(options);
            answers.add(result.body());
        }
        ctx.json(result);
    }
}
