package io.engagementbridge.demo;

import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.App;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.WriteSide;
import io.engagementbridge.config.CallerPolicy;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.oauth.ConnectController;
import io.engagementbridge.connection.MasterKey;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.demo.engagement.EngagementSimulator;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.demo.zendesk.SimulatedInstallation;
import io.engagementbridge.demo.zendesk.SimulatedTicket;
import io.engagementbridge.demo.zendesk.ZendeskSimulator;
import io.engagementbridge.demo.zendeskapi.OAuthClient;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.demo.zendeskapi.ZendeskApiSimulator;
import io.engagementbridge.engagement.HttpClients;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;

import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product on its embedded defaults: the real backend, an Engagement simulator seeded with
 * customers, and a Zendesk host simulator that loads the real app in an iframe. Three HTTP servers
 * on loopback, wired exactly as production would be.
 */
public final class Demo {
    public static final String DEMO_TITLE = "Engagement profile";
    static final String DEMO_SHARED_SECRET = "demo-shared-secret-for-jwt-signing";
    /** The OAuth client the demo's Zendesk API simulator knows the backend by. */
    public static final String ZENDESK_CLIENT_ID = "engagement_bridge_demo";
    static final String ZENDESK_CLIENT_SECRET = "demo-zendesk-oauth-client-secret";
    /** Where the simulator may send the backend's OAuth authorization codes (path relative to the backend). */
    public static final String ZENDESK_OAUTH_CALLBACK = ConnectController.CALLBACK;
    static final java.time.Duration RELAY_LINGER = java.time.Duration.ofMillis(500);

    private final EngagementSimulator engagement;
    private final Javalin engagementServer;
    private final Javalin backend;
    private final Javalin zendesk;
    private final ZendeskSimulator zendeskSimulator;
    private final List<SimulatedTicket> tickets;
    private final SimulatedInstallation installation;
    private final WriteSide writeSide;
    private final ZendeskApiSimulator zendeskApi;
    private final Javalin zendeskApiServer;

    private Demo(EngagementSimulator engagement, Javalin engagementServer, Javalin backend, ZendeskSimulator zendeskSimulator,
                 Javalin zendesk, List<SimulatedTicket> tickets, SimulatedInstallation installation, WriteSide writeSide,
                 ZendeskApiSimulator zendeskApi, Javalin zendeskApiServer) {
        this.writeSide = writeSide;
        this.zendeskApi = zendeskApi;
        this.zendeskApiServer = zendeskApiServer;
        this.zendeskSimulator = zendeskSimulator;
        this.engagement = engagement;
        this.engagementServer = engagementServer;
        this.backend = backend;
        this.zendesk = zendesk;
        this.tickets = tickets;
        this.installation = installation;
    }

    /**
     * Ports from DEMO_PORT (the page, 7070), BRIDGE_PORT (backend, 8080), DEMO_ENGAGEMENT_PORT (8090) and
     * DEMO_ZENDESK_PORT (the Zendesk API simulator, 8091); 0 picks a free one.
     */
    public static Demo start(Map<String, String> env) {
        var withLoopback = new HashMap<>(env);
        withLoopback.putIfAbsent("BRIDGE_ALLOW_HTTP_LOOPBACK", "true");
        var config = BridgeConfig.fromEnv(withLoopback);
        return start(config, port(env, "DEMO_PORT", 7070), port(env, "DEMO_ENGAGEMENT_PORT", 8090), Map.of(),
                port(env, "DEMO_ZENDESK_PORT", 8091));
    }

    public static Demo start(BridgeConfig backendConfig, int zendeskPort, int engagementPort) {
        return start(backendConfig, zendeskPort, engagementPort, Map.of());
    }

    /** A demo whose installation has some settings changed, e.g. mistakes an admin could make. */
    public static Demo start(BridgeConfig backendConfig, int zendeskPort, int engagementPort, Map<String, String> settingOverrides) {
        return start(backendConfig, zendeskPort, engagementPort, settingOverrides, 0);
    }

    /** As above, with the Zendesk API simulator on {@code zendeskApiPort} (0 picks a free one). */
    public static Demo start(BridgeConfig backendConfig, int zendeskPort, int engagementPort, Map<String, String> settingOverrides,
                             int zendeskApiPort) {
        // The demo runs with caller authentication on: the proxy signs each request with the
        // installation's shared secret and the backend verifies it for its own URL.
        var backendPort = backendConfig.port() == 0 ? freePort() : backendConfig.port();
        backendConfig = backendConfig.withCallers(new CallerPolicy(List.of(DEMO_SHARED_SECRET), "http://127.0.0.1:" + backendPort,
                backendConfig.callers().ratePerMinute()));
        var engagement = EngagementSimulator.demo();
        var engagementServer = engagement.app().start("127.0.0.1", engagementPort);
        var engagementUrl = "http://127.0.0.1:" + engagementServer.port();
        engagement.setPublicBaseUrl(engagementUrl);

        var backendUrl = "http://127.0.0.1:" + backendPort;
        var zendeskApi = new ZendeskApiSimulator(App.mapper(), Clock.systemUTC(), new OkHttpClient(), SimulatorLimits.defaults());
        zendeskApi.registerOAuthClient(new OAuthClient(ZENDESK_CLIENT_ID, ZENDESK_CLIENT_SECRET, "Engagement Bridge",
                List.of(backendUrl + ZENDESK_OAUTH_CALLBACK, "http://localhost:" + backendPort + ZENDESK_OAUTH_CALLBACK)));
        var zendeskApiServer = zendeskApi.app().start("127.0.0.1", zendeskApiPort);

        var http = HttpClients.upstream(backendConfig.timeouts(), backendConfig.hostPolicy(), backendConfig.capacity());
        var writeSide = WriteSide.open(demoWriteSide("http://127.0.0.1:" + zendeskApiServer.port()), App.mapper(), Clock.systemUTC());
        var backend = App.create(backendConfig, new App.Dependencies(http, Ticker.systemTicker(), Clock.systemUTC()), writeSide)
                .start("127.0.0.1", backendPort);

        var installation = installation(backendUrl, engagementUrl, settingOverrides);
        var tickets = DemoTickets.from(engagement.customers());
        var workspaceHttp = new OkHttpClient();
        var simulator = new ZendeskSimulator(App.mapper(), installation, ZendeskApiQueue.seeded(zendeskApi, tickets), currentUser(),
                List.of("127.0.0.1", "localhost"), workspaceHttp, Clock.systemUTC(), engagement::calls);
        simulator.onArrivals(new DemoArrivals(writeSide.connectionRepository(), zendeskApi,
                okhttp3.HttpUrl.get("http://127.0.0.1:" + zendeskApiServer.port()), engagement.customers(), installation));
        simulator.onSolve(new AgentDesk(writeSide.connectionRepository(), zendeskApi, okhttp3.HttpUrl.get("http://127.0.0.1:" + zendeskApiServer.port()),
                (String) currentUser().get("email"), workspaceHttp));
        var cdpSync = new DemoCdpSync(writeSide.connections(backendUrl, Clock.systemUTC()), zendeskApi, new OkHttpClient(), backendUrl,
                engagement.customers(), tickets, Clock.systemUTC());
        simulator.onCdpSync(cdpSync, cdpSync::progress);
        var zendesk = simulator.app().start("127.0.0.1", zendeskPort);
        return new Demo(engagement, engagementServer, backend, simulator, zendesk, tickets, installation, writeSide, zendeskApi, zendeskApiServer);
    }

    /**
     * A fresh SQLite file and master key per run (the demo's simulators start empty, so its store does too),
     * the demo's OAuth client with every account's Zendesk at the simulator, and relay batches sent after
     * {@link #RELAY_LINGER}: one agent solving one ticket should see its event within seconds, where production's
     * 10 s fills batches for fewer Engagement requests.
     */
    /** The demo's store folder is named after its process, so concurrent demos (and test JVMs) can tell theirs apart. */
    public static final String TEMP_PREFIX = "engagement-bridge-demo-";

    private static WriteSideConfig demoWriteSide(String zendeskApiUrl) {
        try {
            var dir = java.nio.file.Files.createTempDirectory(TEMP_PREFIX + ProcessHandle.current().pid() + "-");
            return new WriteSideConfig(StoreConfig.sqlite(dir), MasterKey.generate(), new HostPolicy(List.of("*.zendesk.com"), true), null,
                    new ZendeskOAuthConfig(ZENDESK_CLIENT_ID, ZENDESK_CLIENT_SECRET, zendeskApiUrl), RELAY_LINGER);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static SimulatedInstallation installation(String backendUrl, String engagementUrl, Map<String, String> overrides) {
        var settings = new LinkedHashMap<String, String>();
        settings.put("title", DEMO_TITLE);
        settings.put("backend_url", backendUrl);
        settings.put("engagement_api_base_url", engagementUrl);
        settings.put("engagement_project_token", SimulatedProject.PROJECT_TOKEN);
        settings.put("engagement_api_key_id", SimulatedProject.KEY_ID);
        settings.put("engagement_api_key_secret", SimulatedProject.KEY_SECRET);
        settings.put("customer_id_name", "registered");
        settings.put("external_id_name", "external_id");
        settings.put("managed_endpoint_url", "");
        settings.put("fields", SimulatedProject.demoFieldsJson());
        settings.put("event_types", "purchase,cart_update,view_item,support_ticket");
        settings.put("engagement_app_url", "https://app.exponea.com/p/demo-project");
        settings.put("currency", "USD");
        settings.put("shared_secret", DEMO_SHARED_SECRET);
        settings.putAll(overrides);
        return new SimulatedInstallation(settings);
    }

    static Map<String, Object> currentUser() {
        return Map.of("id", 1, "name", "Alex Agent", "email", "alex@acme.example", "locale", "en-US",
                "timeZone", Map.of("ianaName", "Europe/Prague"), "role", "admin");
    }

    /** The demo installation's shared secret, so the test suite's leak guard can look for it. */
    public static String installationSecretForTests() {
        return DEMO_SHARED_SECRET;
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        var raw = env.get(name);
        try {
            return raw == null || raw.isBlank() ? fallback : Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new io.engagementbridge.config.ConfigException(name + " must be a port number, was '" + raw + "'");
        }
    }

    public String zendeskUrl() {
        return "http://localhost:" + zendesk.port() + "/";
    }

    public EngagementSimulator engagement() {
        return engagement;
    }

    public ZendeskSimulator zendesk() {
        return zendeskSimulator;
    }

    /** The Zendesk REST API simulator (OAuth, users, tickets, triggers, webhooks) the write side talks to. */
    public ZendeskApiSimulator zendeskApi() {
        return zendeskApi;
    }

    public int backendPort() {
        return backend.port();
    }

    public String zendeskApiUrl() {
        return "http://127.0.0.1:" + zendeskApiServer.port();
    }

    /** The demo OAuth client's secret, so the test suite's leak guard can look for it. */
    public static String zendeskClientSecretForTests() {
        return ZENDESK_CLIENT_SECRET;
    }

    /** The tickets the demo seeded into the Zendesk API simulator (the workspace shows that simulator's tickets). */
    public List<SimulatedTicket> tickets() {
        return tickets;
    }

    public SimulatedInstallation installation() {
        return installation;
    }

    public void printWelcome(PrintStream out) {
        out.println();
        out.println("  Engagement Bridge demo is running.");
        out.println("  Open " + zendeskUrl() + " and click a ticket to see its requester's Engagement profile.");
        out.println("  Backend: http://127.0.0.1:" + backend.port() + "   Engagement simulator: http://127.0.0.1:" + engagementServer.port());
        out.println("  Zendesk API simulator: " + zendeskApiUrl() + " (OAuth client " + ZENDESK_CLIENT_ID + "; stats at /simulator/stats)");
        out.println("  Press Ctrl+C to stop.");
        out.println();
    }

    public void stop() {
        zendeskApiServer.stop();
        zendeskApi.close();
        zendesk.stop();
        backend.stop();
        engagementServer.stop();
        writeSide.close();
    }

    public WriteSide writeSide() {
        return writeSide;
    }
}
