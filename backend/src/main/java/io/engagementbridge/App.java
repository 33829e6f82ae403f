package io.engagementbridge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.access.RateLimiter;
import io.engagementbridge.access.ZendeskJwt;
import io.engagementbridge.cdp.CdpHandlers;
import io.engagementbridge.cdp.CdpInbox;
import io.engagementbridge.cdp.CdpWork;
import io.engagementbridge.cdp.ImportWork;
import io.engagementbridge.cdp.Imports;
import io.engagementbridge.cdp.ImportsController;
import io.engagementbridge.cdp.MessageLog;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.CacheConfig;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.engagement.CircuitBreakers;
import io.engagementbridge.engagement.EngagementClient;
import io.engagementbridge.oauth.AppCaller;
import io.engagementbridge.oauth.ConnectController;
import io.engagementbridge.oauth.DisconnectConnection;
import io.engagementbridge.ops.AdminPageController;
import io.engagementbridge.zendesk.ZendeskClients;
import io.engagementbridge.observability.Metrics;
import io.engagementbridge.profile.BackgroundRefresh;
import io.engagementbridge.profile.CustomerResolver;
import io.engagementbridge.profile.ProfileCache;
import io.engagementbridge.profile.ProfileKey;
import io.engagementbridge.profile.ProfileLoader;
import io.engagementbridge.profile.ProfileLookup;
import io.engagementbridge.profile.ProfileRequests;
import io.engagementbridge.profile.ProfileStore;
import io.engagementbridge.settings.SettingsParser;
import io.engagementbridge.sidebar.ConnectionCheck;
import io.engagementbridge.sidebar.SidebarController;
import io.engagementbridge.sidebar.SidebarRenderer;
import io.engagementbridge.sidebar.Templates;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.ops.AdminConnectionsController;
import io.engagementbridge.priority.ConnectionProfiles;
import io.engagementbridge.priority.ProvisionConnection;
import io.engagementbridge.priority.SidebarTierSync;
import io.engagementbridge.priority.UserTierSync;
import io.engagementbridge.sidebar.ProfileShown;
import io.engagementbridge.priority.TierTicketFallback;
import io.engagementbridge.priority.UnknownCustomers;
import io.engagementbridge.priority.UserTierWriter;
import io.engagementbridge.priority.WriteUserTier;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.priority.TierRulesParser;
import io.engagementbridge.relay.BrazeTracking;
import io.engagementbridge.relay.EngagementTracking;
import io.engagementbridge.relay.RelayListener;
import io.engagementbridge.relay.RelaySender;
import io.engagementbridge.relay.RelaySweep;
import io.engagementbridge.relay.SweepLog;
import io.engagementbridge.relay.RelayTicketEvent;
import io.engagementbridge.relay.RelayTicketEvents;
import io.engagementbridge.webhook.WebhookEventListener;
import io.engagementbridge.webhook.WebhookEvents;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkRunner;
import io.engagementbridge.zendesk.ZendeskClients;
import io.engagementbridge.ops.AdminToken;
import io.engagementbridge.web.ApiException;
import io.engagementbridge.web.RequestLog;
import io.engagementbridge.webhook.WebhookInbox;
import io.engagementbridge.web.SecurityHeaders;
import io.javalin.Javalin;
import org.jdbi.v3.core.JdbiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import io.github.bucket4j.TimeMeter;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The composition root: configuration and collaborators in, a ready (not started) Javalin app out. */
public final class App {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private App() {
    }

    /** What the app needs from outside; tests pass fakes, a hand-driven ticker and a fixed clock. */
    public record Dependencies(OkHttpClient http, Ticker ticker, Clock clock) {

        /** The same hand-driven time for the rate limiter's buckets. */
        TimeMeter time() {
            return new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return ticker.read();
                }

                @Override
                public boolean isWallClockBased() {
                    return false;
                }
            };
        }
    }

    /** Builds the profile store around a loader; production uses the Caffeine cache. */
    @FunctionalInterface
    public interface StoreFactory {
        ProfileStore create(CacheConfig config, Ticker ticker, AsyncCacheLoader<ProfileKey, ProfileLookup> loader);
    }

    public static Javalin create(BridgeConfig config, Dependencies deps) {
        return create(config, deps, ProfileCache::new);
    }

    public static Javalin create(BridgeConfig config, Dependencies deps, StoreFactory stores) {
        return create(config, deps, stores, routes -> { });
    }

    /** As above, plus the caller's own routes on the same server (the benchmark's no-op endpoint). */
    public static Javalin create(BridgeConfig config, Dependencies deps, StoreFactory stores, Consumer<RoutesConfig> extraRoutes) {
        return create(config, deps, stores, extraRoutes, null);
    }

    /** The sidebar plus the write side: connections, the webhook inbox and the operator API on its database. */
    public static Javalin create(BridgeConfig config, Dependencies deps, WriteSide writeSide) {
        return create(config, deps, ProfileCache::new, routes -> { }, writeSide);
    }

    public static Javalin create(BridgeConfig config, Dependencies deps, StoreFactory stores, Consumer<RoutesConfig> extraRoutes,
                                 WriteSide writeSide) {
        var mapper = mapper();
        var metrics = new Metrics(deps.clock());
        var breakers = new CircuitBreakers(config.resilience());
        metrics.watchCircuits(breakers::states);
        var client = new EngagementClient(deps.http(), config.hostPolicy(), mapper, deps.clock(), config.resilience(), breakers, metrics);
        var store = stores.create(config.cache(), deps.ticker(), new ProfileLoader(client, mapper, deps.clock(),
                new BackgroundRefresh(config.capacity(), client::foregroundWaiting)));
        store.bindTo(metrics.registry());
        var renderer = new SidebarRenderer(new Templates(), deps.clock(), config.cache().refreshAfter());
        var jwt = new ZendeskJwt(config.callers(), deps.clock());
        if (!jwt.enabled()) {
            LOG.warn("BRIDGE_JWT_SECRETS is not set: the sidebar endpoint accepts any caller that presents an Engagement key pair. "
                    + "Set it (and the app's shared_secret setting) in production.");
        }
        var rateLimiter = new RateLimiter(config.callers().ratePerMinute(), deps.time());
        var parser = new SettingsParser(config.hostPolicy(), mapper);
        var resolver = new CustomerResolver(store, config.capacity());
        var zendeskHttp = writeSide == null ? null : HttpClients.upstream(config.timeouts(), writeSide.config().zendeskHosts(), config.capacity());
        var clients = writeSide == null ? null : writeSide.zendeskClients(zendeskHttp, mapper, deps.clock(), metrics.zendeskCalls());
        var imports = writeSide == null ? null : new Imports(writeSide.database(), writeSide.connectionRepository(), clients,
                writeSide.config().oauth(), mapper, deps.clock(), App::sleep, metrics::cdpImportRows);
        var workers = writeSide == null ? null : workers(config, deps, writeSide, mapper, metrics, clients, zendeskHttp, imports,
                new ConnectionProfiles(parser, resolver), store);
        var tierSync = writeSide == null ? null : new SidebarTierSync(writeSide.connectionRepository(),
                new UserTierSync(writeSide.work(), mapper, deps.clock(), workers::wake), new TierRulesParser(mapper));
        var sidebar = new SidebarController(mapper, parser, new ProfileRequests(parser), resolver, renderer, client,
                tierSync == null ? ProfileShown.NONE : tierSync);
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.http.maxRequestSize = config.maxRequestBytes();
            javalin.requestLogger.http(new RequestLog(metrics));
            javalin.routes.before(SecurityHeaders::apply);
            javalin.routes.before(SidebarController.PATH, jwt::check);
            javalin.routes.before(SidebarController.PATH, rateLimiter::check);
            javalin.routes.before(SidebarController.TEST_CONNECTION_PATH, jwt::check);
            javalin.routes.before(SidebarController.TEST_CONNECTION_PATH, rateLimiter::check);
            javalin.routes.post(SidebarController.PATH, sidebar::handle);
            javalin.routes.post(SidebarController.TEST_CONNECTION_PATH, sidebar::testConnection);
            javalin.routes.get("/health", ctx -> health(ctx, writeSide));
            if (writeSide != null) {
                writeRoutes(javalin.routes, config, deps, writeSide, mapper, metrics, clients, imports, workers::wake, new ConnectionCheck(client, mapper));
                javalin.events.serverStarted(workers::start);
                javalin.events.serverStopping(workers::close);
                javalin.events.serverStopping(tierSync::close);
            }
            javalin.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            extraRoutes.accept(javalin.routes);
            javalin.routes.exception(Exception.class, renderer::failure);
            javalin.routes.exception(HttpResponseException.class, renderer::failure);
            javalin.routes.exception(ApiException.class, ApiException::render);
            // The store is down: callers (Zendesk's webhooks above all) are told to come back, never given a 500 they would drop.
            javalin.routes.exception(JdbiException.class, (e, ctx) -> ApiException.render(new ApiException(503,
                    "The bridge cannot use its database right now; try again shortly", Map.of("Retry-After", "10")), ctx));
        });
    }

    private static void writeRoutes(RoutesConfig routes, BridgeConfig config, Dependencies deps, WriteSide writeSide, ObjectMapper mapper,
                                    Metrics metrics, ZendeskClients clients, Imports imports, Runnable wakeWorkers, ConnectionCheck engagementCheck) {
        metrics.watchWork(writeSide.work(), deps.clock());
        metrics.watchCdpBacklog(writeSide.work(), CdpWork.MESSAGE_KINDS, deps.clock());
        var connections = writeSide.connections(publicUrl(config), deps.clock());
        var inbox = new WebhookInbox(writeSide.connectionRepository(), writeSide.work(), mapper, deps.clock());
        routes.post(WebhookInbox.PATH, inbox::receive);
        var cdp = new CdpInbox(connections, writeSide.database(), writeSide.work(), new MessageLog(writeSide.database()), mapper, metrics,
                deps.clock(), wakeWorkers);
        routes.post(CdpInbox.EVENTS_PATH, cdp::receive);
        routes.get(CdpInbox.MESSAGES_PATH, cdp::list);
        var importsApi = new ImportsController(connections, imports, writeSide.work(), mapper, deps.clock(), wakeWorkers);
        routes.post(ImportsController.PATH, importsApi::create);
        routes.get(ImportsController.ONE, importsApi::show);
        var admin = new AdminToken(writeSide.config().adminToken());
        var adminConnections = new AdminConnectionsController(connections);
        routes.before(AdminConnectionsController.PATH, admin::check);
        routes.before(AdminConnectionsController.PATH + "/*", admin::check);
        routes.get(AdminConnectionsController.PATH, adminConnections::list);
        routes.get(AdminConnectionsController.ONE, adminConnections::show);
        routes.delete(AdminConnectionsController.ONE, adminConnections::remove);
        new ConnectController(writeSide, connections, config, deps.http(), mapper, deps.clock(), publicUrl(config)).register(routes);
        new AdminPageController(new AppCaller(new ZendeskJwt(config.callers(), deps.clock()), mapper), connections, writeSide.work(), clients,
                writeSide.config().oauth(), metrics.history(), App::sleep, deps.clock(), imports, new MessageLog(writeSide.database()),
                new SweepLog(writeSide.database()), engagementCheck, new SettingsParser(config.hostPolicy(), mapper)).register(routes, metrics);
    }

    /** The work runner and the relay's batch sender, started and stopped with the server. */
    private record Workers(WorkRunner runner, RelaySender sender) {
        void wake() {
            runner.wake();
            sender.wake();
        }

        void start() {
            runner.start();
            sender.start();
        }

        void close() {
            sender.close();
            runner.close();
        }
    }

    /** The write side's workers: one handler per kind of work, run while the server runs. */
    private static Workers workers(BridgeConfig config, Dependencies deps, WriteSide writeSide, ObjectMapper mapper, Metrics metrics,
                                   ZendeskClients clients, OkHttpClient zendeskHttp, Imports imports, ConnectionProfiles profiles,
                                   ProfileStore profileStore) {
        var connections = writeSide.connectionRepository();
        var worker = workerId();
        var settings = WorkRunner.Settings.DEFAULTS;
        var provisioning = new Provisioning(connections, mapper, deps.clock(), App::sleep, publicUrl(config));
        var zendesk = new ConnectedZendesk(connections, clients, writeSide.config().oauth());
        var userTiers = new UserTierWriter(App::sleep);
        List<WebhookEventListener> ticketEventListeners = List.of(new TierTicketFallback.OnTicketCreated(mapper), new RelayListener(mapper));
        var relayMetrics = metrics.relay(writeSide.work(), RelaySender.EVENT_KINDS, deps.clock());
        var handlers = new HashMap<String, WorkHandler>();
        handlers.put(ProvisionConnection.KIND, new ProvisionConnection(zendesk, provisioning, new TierRulesParser(mapper),
                id -> DisconnectConnection.underWay(writeSide.work(), id)));
        handlers.put(DisconnectConnection.KIND, new DisconnectConnection(zendesk, writeSide.config().oauth(), provisioning, zendeskHttp, mapper));
        handlers.put(WebhookInbox.KIND, new WebhookEvents(writeSide.work(), ticketEventListeners, mapper, deps.clock()));
        handlers.put(WriteUserTier.KIND, new WriteUserTier(zendesk, userTiers, mapper));
        handlers.put(TierTicketFallback.KIND, new TierTicketFallback(zendesk, profiles, new UnknownCustomers(deps.clock()), userTiers,
                new TierRulesParser(mapper), App::sleep, mapper));
        handlers.putAll(CdpHandlers.create(connections, clients, writeSide.config().oauth(), writeSide.work(), new MessageLog(writeSide.database()),
                mapper, metrics, deps.clock(), worker, settings.lease(), App::sleep, writeSide.database(), writeSide.config().cdpRetentionDays()));
        handlers.put(ImportWork.KIND, new ImportWork(imports, writeSide.work(), mapper, deps.clock(), worker, settings.lease()));
        handlers.put(RelayTicketEvent.KIND, new RelayTicketEvents(zendesk, writeSide.work(), mapper, deps.clock(), App::sleep));
        handlers.put(RelaySweep.KIND, new RelaySweep(zendesk, writeSide.work(), mapper, relayMetrics, deps.clock(), new SweepLog(writeSide.database())));
        var sender = new RelaySender(writeSide.work(), connections, new EngagementTracking(deps.http(), config.hostPolicy(), mapper, deps.clock()),
                new BrazeTracking(deps.http(), config.hostPolicy().allowHttpLoopback(), mapper, deps.clock()), mapper, relayMetrics,
                RelaySender.Settings.DEFAULTS.withLinger(writeSide.config().relayLinger()), deps.clock(), worker)
                // A relayed event is among the customer's recent interactions: the sidebar's next open must not show a profile cached before it.
                .onAccepted(profileStore::forgetCustomers);
        return new Workers(new WorkRunner(writeSide.work(), handlers, settings, deps.clock(), worker), sender);
    }

    /** A governor's wait; one computed from a deadline already past is none. */
    private static void sleep(java.time.Duration pause) throws InterruptedException {
        Thread.sleep(Math.max(0, pause.toMillis()));
    }

    /** Names this process in the work queue's leases: host and process id. */
    private static String workerId() {
        var host = System.getenv().getOrDefault("HOSTNAME", "host");
        return host + "-" + ProcessHandle.current().pid();
    }

    /** This backend's origin as Zendesk calls it: BRIDGE_PUBLIC_URL, else localhost on its port. */
    public static String publicUrl(BridgeConfig config) {
        var configured = config.callers().publicUrl();
        return configured != null ? configured : "http://localhost:" + config.port();
    }

    private static void health(io.javalin.http.Context ctx, WriteSide writeSide) {
        if (writeSide == null) {
            ctx.result("ok");
        } else if (writeSide.database().healthy()) {
            ctx.result("ok (store: " + writeSide.database().dialect().name().toLowerCase(java.util.Locale.ROOT) + ")");
        } else {
            ctx.status(503).result("store unavailable");
        }
    }

    /** JSON without polymorphic typing; unknown properties are ignored rather than fatal. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }
}
