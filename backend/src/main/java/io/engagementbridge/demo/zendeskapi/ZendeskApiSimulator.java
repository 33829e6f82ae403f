package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A stand-in for Zendesk Support's REST API, following the documented behaviour: paths with or
 * without {@code .json}, status codes, JSON envelopes, rate-limit headers and 429s, OAuth and API
 * tokens. Tests and the benchmark write to it and assert its state through the accessors, which are
 * thread-safe. Knows nothing about the bridge.
 *
 * <p>Limits: the account limit counts every authenticated {@code /api/v2} request (including ones a
 * narrower limit then refuses) per fixed clock minute; the per-user, Update Ticket and per-ticket
 * limits are rolling windows. Every 429 carries {@code Retry-After} in seconds.
 */
public final class ZendeskApiSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZendeskApiSimulator.class);

    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile SimulatorLimits limits;
    private final Object lock = new Object();
    private final AtomicLong ids = new AtomicLong(360_000_000_000L);
    private final Renderer renderer;
    private final OAuthServer oauth;
    private final SimulatorStats stats = new SimulatorStats();
    private final Faults faults = new Faults();
    private final FieldDefinitions userFields;
    private final UserDirectory users;
    private final Jobs jobs;
    private final FieldDefinitions ticketFields;
    private final TicketDesk tickets;
    private final WebhookRegistry webhooks = new WebhookRegistry();
    private final WebhookDispatcher dispatcher;
    private final FieldDefinitions organizationFields;
    private final OrganizationDirectory organizations;
    private final ProfileEvents profileEvents;
    private final ApiLimiter limiter;
    private final UserRoutes userRoutes;
    private final TicketRoutes ticketRoutes;
    private final OrganizationRoutes organizationRoutes;
    private final EventRoutes eventRoutes;
    private final Javalin app;

    public ZendeskApiSimulator(ObjectMapper mapper, Clock clock, OkHttpClient http, SimulatorLimits limits) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(http, "http");
        this.limits = Objects.requireNonNull(limits, "limits");
        Supplier<SimulatorLimits> currentLimits = () -> this.limits;
        this.renderer = new Renderer(mapper);
        this.oauth = new OAuthServer(mapper, clock, currentLimits);
        this.userFields = new FieldDefinitions("user_field", true, ids::incrementAndGet);
        this.users = new UserDirectory(userFields, ids::incrementAndGet, ids::incrementAndGet);
        this.jobs = new Jobs(currentLimits);
        this.ticketFields = new FieldDefinitions("ticket_field", false, ids::incrementAndGet);
        this.tickets = new TicketDesk(users, ticketFields, ids::incrementAndGet);
        this.dispatcher = new WebhookDispatcher(http, clock, currentLimits, faults);
        this.organizationFields = new FieldDefinitions("organization_field", true, ids::incrementAndGet);
        this.organizations = new OrganizationDirectory(organizationFields, users, ids::incrementAndGet);
        this.profileEvents = new ProfileEvents(users);
        this.limiter = new ApiLimiter(currentLimits, stats);
        this.userRoutes = new UserRoutes(mapper, renderer, limiter, faults, userFields, users, organizations, jobs);
        this.ticketRoutes = new TicketRoutes(mapper, renderer, limiter, ticketFields, tickets, webhooks, dispatcher, ids::incrementAndGet);
        this.organizationRoutes = new OrganizationRoutes(mapper, renderer, limiter, organizationFields, organizations, users, jobs);
        this.eventRoutes = new EventRoutes(renderer, limiter, users, tickets, profileEvents, ticketRoutes::notify);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.requestLogger.http((ctx, ms) -> stats.request(routeOf(ctx), ctx.statusCode()));
            routes(config.routes);
        });
    }

    /** The (not started) server; start it on loopback with {@code app().start("127.0.0.1", port)}. */
    public Javalin app() {
        return app;
    }

    // ---- owner configuration -------------------------------------------------------------------

    public void registerOAuthClient(OAuthClient client) {
        oauth.register(client);
    }

    /** An API token accepted as Basic {@code email/token:TOKEN} for that (agent) email. */
    public void registerApiToken(String email, String token) {
        oauth.registerApiToken(email, token);
    }

    /**
     * An end user the account already has, under the owner's chosen id, with a primary email and any further
     * email identities. Owner seeding: no request, no rate limit; the same rules as a user create otherwise.
     */
    public User seedUser(long id, String name, String email, String externalId, List<String> otherEmails) {
        var node = mapper.createObjectNode().put("name", name).put("email", email).put("external_id", externalId).put("verified", true);
        var identities = node.putArray("identities");
        otherEmails.forEach(other -> identities.addObject().put("type", "email").put("value", other));
        synchronized (lock) {
            return users.createWithId(id, node, clock.instant());
        }
    }

    /**
     * A ticket the account already has, under the owner's chosen id (triggers do not run); tickets created later
     * through the API get higher ids. Owner seeding: no request, no rate limit.
     */
    public Ticket seedTicket(long id, long requesterId, String subject, String description, String status, String priority,
                             java.time.Instant createdAt) {
        synchronized (lock) {
            return tickets.seed(id, requesterId, subject, description, status, priority, createdAt);
        }
    }

    /** Every OAuth access and refresh token stops working (requests then answer 401). */
    public void revokeAllTokens() {
        oauth.revokeAll();
    }

    public SimulatorLimits limits() {
        return limits;
    }

    public void setLimits(SimulatorLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Faults faults() {
        return faults;
    }

    /** The most create/update writes to one user this simulator admitted within any rolling minute, as Zendesk would count them. */
    public int peakUserWritesPerMinute() {
        return limiter.peakUserWritesPerMinute();
    }

    public SimulatorStats stats() {
        return stats;
    }

    // ---- state for tests -------------------------------------------------------------------------

    public List<User> users() {
        return locked(users::all);
    }

    public Optional<User> user(long id) {
        return locked(() -> users.byId(id));
    }

    public Optional<User> userByEmail(String email) {
        return locked(() -> users.byEmail(email));
    }

    public Optional<User> userByExternalId(String externalId) {
        return locked(() -> users.byExternalId(externalId));
    }

    public List<Identity> identities(long userId) {
        return locked(() -> users.identities(userId));
    }

    public List<Field> userFields() {
        return locked(userFields::all);
    }

    public List<JobStatus> jobStatuses() {
        return locked(() -> jobs.all(clock.instant()));
    }

    public Optional<JobStatus> jobStatus(String id) {
        return locked(() -> jobs.find(id, clock.instant()));
    }

    public List<Ticket> tickets() {
        return locked(tickets::all);
    }

    public Optional<Ticket> ticket(long id) {
        return locked(() -> tickets.byId(id));
    }

    public List<Field> ticketFields() {
        return locked(ticketFields::all);
    }

    public List<Trigger> triggers() {
        return locked(tickets::triggers);
    }

    /** Webhooks including their signing secrets (so tests can verify signatures). */
    public List<Webhook> webhooks() {
        return locked(webhooks::all);
    }

    public Optional<Webhook> webhook(String id) {
        return locked(() -> webhooks.byId(id));
    }

    /** Every webhook invocation so far, oldest first, with its attempts. */
    public List<WebhookInvocation> webhookInvocations() {
        return dispatcher.invocations();
    }

    public List<View> views() {
        return locked(ticketRoutes::views);
    }

    public List<Organization> organizations() {
        return locked(organizations::all);
    }

    public Optional<Organization> organizationByExternalId(String externalId) {
        return locked(() -> organizations.byExternalId(externalId));
    }

    public List<Field> organizationFields() {
        return locked(organizationFields::all);
    }

    public List<Membership> memberships() {
        return locked(organizations::memberships);
    }

    /** Events received through the Events API, oldest first. */
    public List<ProfileEvent> eventsReceived() {
        return locked(profileEvents::all);
    }

    /** Records the requester's satisfaction rating ("good" or "bad") on a ticket, as a survey answer would. */
    public void rateTicket(long ticketId, String score, String comment) {
        locked(() -> {
            ticketRoutes.notify(tickets.rate(ticketId, score, comment, clock.instant(), "http://127.0.0.1:" + app.port()).saved());
            return null;
        });
    }

    /** Stops webhook delivery threads (the Javalin server is stopped by whoever started it). */
    @Override
    public void close() {
        dispatcher.close();
    }

    /** OAuth access tokens that have not expired or been revoked. */
    public int activeAccessTokens() {
        return oauth.activeAccessTokens();
    }

    private <T> T locked(Supplier<T> read) {
        synchronized (lock) {
            jobs.advance(clock.instant());
            return read.get();
        }
    }

    // ---- routing ---------------------------------------------------------------------------------

    private void routes(RoutesConfig routes) {
        routes.get("/oauth/authorizations/new", oauth::authorizePage);
        routes.post("/oauth/authorizations", oauth::authorize);
        routes.post("/oauth/tokens", oauth::tokens);
        routes.get("/simulator/stats", this::statsPage);
        routes.get("/simulator/faults", ctx -> ctx.json(faults.describe()));
        routes.post("/simulator/faults", this::changeFaults);

        fieldRoutes(routes, "user_fields", userFields);
        fieldRoutes(routes, "ticket_fields", ticketFields);
        fieldRoutes(routes, "organization_fields", organizationFields);
        ApiRoutes api = (method, path, handler) -> api(routes, method, path, handler);
        userRoutes.register(api);
        ticketRoutes.register(api);
        organizationRoutes.register(api);
        eventRoutes.register(api);

        routes.exception(ApiError.class, this::answerError);
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 404) {
                answerError(ApiError.of(404, "InvalidEndpoint", "Not found"), ctx);
            } else {
                answerError(ApiError.of(e.getStatus(), "InvalidRequest", e.getMessage()), ctx);
            }
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Zendesk simulator failed on {} {}", ctx.method(), ctx.path(), e);
            answerError(ApiError.of(500, "InternalError", "The simulator failed; see its log."), ctx);
        });
    }

    private void fieldRoutes(RoutesConfig routes, String plural, FieldDefinitions definitions) {
        var singular = definitions.singular();
        api(routes, "GET", "/api/v2/" + plural, call -> call.reply(200, renderer.list(plural,
                definitions.all().stream().map(field -> renderer.field(field, plural, call.base())).toList())));
        api(routes, "POST", "/api/v2/" + plural, call -> call.reply(201, renderer.wrap(singular,
                renderer.field(definitions.create(call.body(singular), call.now()), plural, call.base()))));
        api(routes, "GET", "/api/v2/" + plural + "/{id}", call -> call.reply(200, renderer.wrap(singular,
                renderer.field(definitions.byId(call.pathId("id")).orElseThrow(ApiError::notFound), plural, call.base()))));
        api(routes, "PUT", "/api/v2/" + plural + "/{id}", call -> call.reply(200, renderer.wrap(singular,
                renderer.field(definitions.update(call.pathId("id"), call.body(singular), call.now()), plural, call.base()))));
        api(routes, "DELETE", "/api/v2/" + plural + "/{id}", call -> {
            definitions.delete(call.pathId("id"));
            call.noContent();
        });
    }

    /** Registers an authenticated, rate-limited API route, with and without the {@code .json} suffix. */
    void api(RoutesConfig routes, String method, String path, ApiHandler handler) {
        Handler wrapped = ctx -> serve(ctx, handler);
        for (var variant : List.of(path, path + ".json")) {
            switch (method) {
                case "GET" -> routes.get(variant, wrapped);
                case "POST" -> routes.post(variant, wrapped);
                case "PUT" -> routes.put(variant, wrapped);
                case "DELETE" -> routes.delete(variant, wrapped);
                case "PATCH" -> routes.patch(variant, wrapped);
                default -> throw new IllegalArgumentException(method);
            }
        }
    }

    private void serve(Context ctx, ApiHandler handler) throws InterruptedException {
        var delay = faults.latency();
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
        var failure = faults.takeFailure();
        if (failure != null) {
            var headers = failure.retryAfterSeconds() > 0 ? Map.of("Retry-After", String.valueOf(failure.retryAfterSeconds())) : Map.<String, String>of();
            throw new ApiError(failure.status(), failure.status() == 503 ? "Service Unavailable"
                    : ApiError.envelope("InternalError", "Injected failure"), headers);
        }
        var caller = oauth.authenticate(ctx.header("Authorization"));
        var resource = resourceOf(ctx.path());
        if (!caller.may(ctx.method().name(), resource)) {
            throw ApiError.forbidden();
        }
        var now = clock.instant();
        limiter.account(ctx, now);
        synchronized (lock) {
            jobs.advance(now);
            handler.handle(new Call(ctx, caller, now, ctx.scheme() + "://" + ctx.host(), mapper));
        }
    }

    private void answerError(ApiError error, Context ctx) {
        ctx.status(error.status());
        error.headers().forEach(ctx::header);
        if (error.body() instanceof String text) {
            ctx.contentType("text/plain; charset=utf-8").result(text);
        } else {
            try {
                ctx.contentType("application/json; charset=utf-8").result(mapper.writeValueAsString(error.body()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String routeOf(Context ctx) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        var path = endpoint == null ? "unmatched" : endpoint.path;
        if (path.endsWith(".json")) {
            path = path.substring(0, path.length() - 5);
        }
        return ctx.method().name() + " " + path;
    }

    private static String resourceOf(String path) {
        var rest = path.startsWith("/api/v2/") ? path.substring(8) : path;
        var end = rest.indexOf('/');
        var resource = end < 0 ? rest : rest.substring(0, end);
        return resource.endsWith(".json") ? resource.substring(0, resource.length() - 5) : resource;
    }

    // ---- simulator endpoints ---------------------------------------------------------------------

    private void statsPage(Context ctx) {
        var body = new LinkedHashMap<String, Object>();
        body.put("requests", stats.requests());
        body.put("rate_limited", stats.rateLimited());
        body.put("jobs_active", locked(() -> jobs.active(clock.instant())));
        ctx.json(body);
    }

    private void changeFaults(Context ctx) {
        var body = Call.jsonObject(mapper, ctx.body());
        try {
            if (body.has("fail_next")) {
                var failNext = body.get("fail_next");
                faults.failNext(failNext.path("count").asInt(1), failNext.path("status").asInt(503), failNext.path("retry_after").asInt(0));
            }
            if (body.has("latency_ms")) {
                faults.setLatency(Duration.ofMillis(body.get("latency_ms").asLong()));
            }
            if (body.has("bulk_imports_enabled")) {
                faults.setBulkImportsEnabled(body.get("bulk_imports_enabled").asBoolean());
            }
            if (body.has("webhook_drop_share")) {
                faults.setWebhookDropShare(body.get("webhook_drop_share").asDouble());
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        if (body.path("revoke_tokens").asBoolean(false)) {
            revokeAllTokens();
        }
        ctx.json(faults.describe());
    }
}
