package io.engagementbridge;

import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.demo.Demo;
import io.engagementbridge.demo.engagement.EngagementSimulator;
import io.engagementbridge.demo.engagement.SeedCustomers;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.sidebar.SecureHeaders;
import io.engagementbridge.sidebar.SidebarController;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Runs sidebar opens through a private copy of the whole stack before {@code serve} starts listening, so the
 * first agent after a deploy does not pay for class loading and interpretation (without it the first sidebar
 * took 20–45× a warm one; see {@code benchmark first-sidebar}). The copy has its own cache and talks only to a
 * stand-in Engagement on loopback; nothing it does is visible to the real server but the loaded, compiled code.
 */
public final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final int ROUNDS = 60;
    private static final List<String> LOCALES = List.of("en-US", "de", "fr", "es", "pt-BR", "ja");
    private static final MediaType JSON = MediaType.get("application/json");

    private WarmUp() {
    }

    public static void run() {
        var started = System.nanoTime();
        var customers = new SeedCustomers(SeedCustomers.DEMO_NOW).generate(SeedCustomers.DEMO_SEED, 12);
        var engagement = new EngagementSimulator(customers, SeedCustomers.DEMO_NOW);
        var engagementServer = engagement.app().start("127.0.0.1", 0);
        var config = BridgeConfig.fromEnv(Map.of("BRIDGE_ALLOWED_HOSTS", "127.0.0.1", "BRIDGE_ALLOW_HTTP_LOOPBACK", "true"));
        var deps = new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy(), config.capacity()),
                Ticker.systemTicker(), Clock.systemUTC());
        var backend = App.create(config, deps).start("127.0.0.1", 0);
        var caller = new OkHttpClient();
        try {
            var engagementUrl = "http://127.0.0.1:" + engagementServer.port();
            engagement.setPublicBaseUrl(engagementUrl);
            var settings = App.mapper().valueToTree(Demo.installation("http://127.0.0.1:" + backend.port(), engagementUrl, Map.of())
                    .browserSettings(App.mapper()));
            var sidebar = "http://127.0.0.1:" + backend.port() + SidebarController.PATH;
            for (int round = 0; round < ROUNDS; round++) {
                var customer = customers.get(round % customers.size());
                var body = App.mapper().createObjectNode().put("location", round % 3 == 0 ? "user" : "ticket");
                body.putObject("requester").put("email", round % 7 == 6 ? "nobody-" + round + "@example.com" : customer.email())
                        .put("name", customer.firstName());
                body.putObject("agent").put("locale", LOCALES.get(round % LOCALES.size())).put("timeZone", "Europe/Prague")
                        .put("role", round % 2 == 0 ? "admin" : "agent");
                body.set("settings", settings);
                var request = new Request.Builder().url(sidebar).post(RequestBody.create(body.toString(), JSON))
                        .header(SecureHeaders.KEY_ID, SimulatedProject.KEY_ID).header(SecureHeaders.KEY_SECRET, SimulatedProject.KEY_SECRET).build();
                try (var response = caller.newCall(request).execute()) {
                    response.body().string();
                }
            }
            warmTls();
            LOG.info("Warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // Only a slower first sidebar is at stake: start anyway.
            LOG.warn("Warm-up stopped early ({}); the first sidebar may be slower", e.getClass().getSimpleName());
        } finally {
            for (var client : List.of(caller, deps.http())) {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
            backend.stop();
            engagementServer.stop();
        }
    }

    /** Engagement is called over TLS: build a ClientHello once, which loads the TLS stack and its key exchange. */
    private static void warmTls() {
        try {
            var engine = SSLContext.getDefault().createSSLEngine("warm-up.invalid", 443);
            engine.setUseClientMode(true);
            engine.beginHandshake();
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        } catch (NoSuchAlgorithmException | SSLException e) {
            LOG.debug("TLS warm-up skipped", e);
        }
    }
}
