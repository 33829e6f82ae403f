package io.engagementbridge.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.App;
import io.engagementbridge.WriteSide;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.AuthType;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.connection.ConnectionDefinition;
import io.engagementbridge.connection.Connections;
import io.engagementbridge.connection.MasterKey;
import io.engagementbridge.connection.ZendeskAccounts;
import io.engagementbridge.connection.ZendeskSecrets;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.demo.zendeskapi.ZendeskApiSimulator;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.zendesk.ResponseObserver;
import io.engagementbridge.zendesk.ZendeskClients;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;

import java.nio.file.Path;
import java.util.List;

/**
 * A Zendesk API simulator on loopback and a connection to it in a fresh SQLite store, both on one
 * (possibly fast-running) clock: what the write-side benchmarks and end-to-end tests drive.
 */
public final class SimulatedZendeskAccount implements AutoCloseable {
    public static final String AGENT_EMAIL = "bridge@acme.example";
    private static final String TOKEN = "bench-api-token-not-a-secret-elsewhere";

    private final ZendeskApiSimulator simulator;
    private final Javalin server;
    private final WriteSide writeSide;
    private final ZendeskClients clients;
    private final ZendeskClients.Connected connected;
    private final String connectionId;
    private final String inboundToken;

    private SimulatedZendeskAccount(ZendeskApiSimulator simulator, Javalin server, WriteSide writeSide, ZendeskClients clients,
                                    ZendeskClients.Connected connected, String connectionId, String inboundToken) {
        this.inboundToken = inboundToken;
        this.simulator = simulator;
        this.server = server;
        this.writeSide = writeSide;
        this.clients = clients;
        this.connected = connected;
        this.connectionId = connectionId;
    }

    public static SimulatedZendeskAccount open(Path dataDir, ScaledClock clock, SimulatorLimits limits, int planRequestsPerMinute,
                                               ResponseObserver alsoObserve) {
        return open(dataDir, clock, limits, planRequestsPerMinute, alsoObserve, NO_ENGAGEMENT);
    }

    /** An Engagement project the benchmarks never call. */
    public static final Engagement NO_ENGAGEMENT = new Engagement("https://api.exponea.com", "bench", "bench-key", "bench-secret");

    /** The Engagement project the connection links to (e.g. an Engagement simulator on loopback), and the app installation it belongs to (null: none). */
    public record Engagement(String baseUrl, String projectToken, String keyId, String keySecret, String installationKey) {
        public Engagement(String baseUrl, String projectToken, String keyId, String keySecret) {
            this(baseUrl, projectToken, keyId, keySecret, null);
        }

        @Override
        public String toString() {
            return "Engagement[" + baseUrl + ", " + projectToken + "]";
        }
    }

    public static SimulatedZendeskAccount open(Path dataDir, java.time.Clock clock, SimulatorLimits limits, int planRequestsPerMinute,
                                               ResponseObserver alsoObserve, Engagement engagement) {
        return open(StoreConfig.sqlite(dataDir), clock, limits, planRequestsPerMinute, alsoObserve, engagement);
    }

    /** The same on the store {@code store} (e.g. a PostgreSQL schema). */
    public static SimulatedZendeskAccount open(StoreConfig store, java.time.Clock clock, SimulatorLimits limits, int planRequestsPerMinute,
                                               ResponseObserver alsoObserve, Engagement engagement) {
        var simulator = new ZendeskApiSimulator(App.mapper(), clock, new OkHttpClient(), limits);
        simulator.registerApiToken(AGENT_EMAIL, TOKEN);
        var server = simulator.app().start("127.0.0.1", 0);
        var loopback = new HostPolicy(List.of(), true);
        var writeSide = WriteSide.open(new WriteSideConfig(store, MasterKey.generate(), loopback, null), App.mapper(), clock);
        var definition = new ConnectionDefinition("Benchmark", "http://127.0.0.1:" + server.port(), AuthType.API_TOKEN,
                ZendeskSecrets.apiToken(AGENT_EMAIL, TOKEN), engagement.baseUrl(), engagement.projectToken(), engagement.keyId(), engagement.keySecret(),
                JsonNodeFactory.instance.objectNode().put("plan_requests_per_minute", planRequestsPerMinute));
        var added = new Connections(writeSide.connectionRepository(), "http://127.0.0.1", clock)
                .add(definition, java.util.Optional.ofNullable(engagement.installationKey()));
        var id = added.id();
        var connection = writeSide.connectionRepository().find(id).orElseThrow();
        var secrets = writeSide.connectionRepository().secrets(id).orElseThrow().secrets();
        var clients = writeSide.zendeskClients(HttpClients.upstream(Timeouts.DEFAULTS, loopback), App.mapper(), clock, alsoObserve);
        return new SimulatedZendeskAccount(simulator, server, writeSide, clients, clients.connect(ZendeskAccounts.of(connection, secrets),
                connection.planRequestsPerMinute()), id, added.inboundToken());
    }

    public ZendeskApiSimulator simulator() {
        return simulator;
    }

    public ZendeskClients.Connected zendesk() {
        return connected;
    }

    /** How work handlers reach this account: the same client and governor as {@link #zendesk()}. */
    public ConnectedZendesk connectedZendesk() {
        return new ConnectedZendesk(writeSide.connectionRepository(), clients, ZendeskOAuthConfig.NONE);
    }

    public WriteSide writeSide() {
        return writeSide;
    }

    public String connectionId() {
        return connectionId;
    }

    /** The connection's bearer token for the streaming API ({@code POST /v1/cdp/events}). */
    public String inboundToken() {
        return inboundToken;
    }

    @Override
    public void close() {
        server.stop();
        simulator.close();
        writeSide.close();
    }
}
