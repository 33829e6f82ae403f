package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    private static final int MAX_BULK_USERS = 100;
    private static final String USER_WRITES = "user-write:";
    private static final int ORGANIZATION_UPDATES_PER_MINUTE = 5;
    private static final int INCREMENTAL_EXPORTS_PER_MINUTE = 10;
    private static final int INCREMENTAL_PAGE = 1000;
    private static final String USER_LIMIT_HEADER = "Zendesk-RateLimit-create-update-user";

    @FunctionalInterface
    interface ApiHandler {
        void handle(Call call);
    }

    private final ObjectMapper mapper;
    private final Clock clock;
    private final OkHttpClient http;
    private volatile SimulatorLimits limits;
    private final Object lock = new Object();
    private final AtomicLong ids = new AtomicLong(360_000_000_000L);
    private final Renderer renderer;
    private final OAuthServer oauth;
    private final SimulatorStats stats = new SimulatorStats();
    private final Faults faults = new Faults();
    private final FixedMinuteWindow accountWindow = new FixedMinuteWindow();
    private final RollingWindows rollingWindows = new RollingWindows();
    private final FieldDefinitions userFields;
    private final UserDirectory users;
    private final Jobs jobs;
    private final FieldDefinitions ticketFields;
    private final TicketDesk tickets;
    private final WebhookRegistry webhooks = new WebhookRegistry();
    private final WebhookDispatcher dispatcher;
    private final Map<Long, View> views = new LinkedHashMap<>();
    private final FieldDefinitions organizationFields;
    private final OrganizationDirectory organizations;
    private final ProfileEvents profileEvents;
    private final Javalin app;

    public ZendeskApiSimulator(ObjectMapper mapper, Clock clock, OkHttpClient http, SimulatorLimits limits) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = Objects.requireNonNull(http, "http");
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
        return locked(() -> List.copyOf(views.values()));
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
        locked(() -> tickets.rate(ticketId, score, comment, clock.instant()));
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

        api(routes, "POST", "/api/v2/users/create_or_update", this::createOrUpdateUser);
        api(routes, "POST", "/api/v2/users/create_or_update_many", this::createOrUpdateMany);
        api(routes, "GET", "/api/v2/users/show_many", this::showManyUsers);
        api(routes, "GET", "/api/v2/users/search", this::searchUsers);
        api(routes, "GET", "/api/v2/users", this::listUsers);
        api(routes, "POST", "/api/v2/users", this::createUser);
        api(routes, "GET", "/api/v2/users/{id}", call -> call.reply(200, renderer.wrap("user", user(call, users.require(call.pathId("id"))))));
        api(routes, "PUT", "/api/v2/users/{id}", this::updateUser);
        api(routes, "DELETE", "/api/v2/users/{id}", call -> call.reply(200,
                renderer.wrap("user", user(call, users.deactivate(call.pathId("id"), call.now())))));
        api(routes, "GET", "/api/v2/users/{id}/identities", call -> call.reply(200, renderer.list("identities",
                users.identities(call.pathId("id")).stream().map(identity -> renderer.identity(identity, call.base())).toList())));
        api(routes, "POST", "/api/v2/users/{id}/identities", call -> call.reply(201, renderer.wrap("identity",
                renderer.identity(users.addIdentity(call.pathId("id"), call.body("identity"), call.now()), call.base()))));
        api(routes, "PUT", "/api/v2/users/{id}/identities/{identity}/make_primary", call -> call.reply(200, renderer.list("identities",
                users.makePrimary(call.pathId("id"), call.pathId("identity"), call.now()).stream()
                        .map(identity -> renderer.identity(identity, call.base())).toList())));
        api(routes, "DELETE", "/api/v2/users/{id}/identities/{identity}", call -> {
            users.deleteIdentity(call.pathId("id"), call.pathId("identity"));
            call.noContent();
        });

        api(routes, "GET", "/api/v2/job_statuses/show_many", call -> call.reply(200, renderer.list("job_statuses",
                call.listParam("ids").stream().map(id -> jobs.find(id, call.now())).flatMap(Optional::stream)
                        .map(job -> (JsonNode) renderer.job(job, call.base())).toList())));
        api(routes, "GET", "/api/v2/job_statuses/{id}", call -> call.reply(200, renderer.wrap("job_status",
                renderer.job(jobs.find(call.pathText("id"), call.now()).orElseThrow(ApiError::notFound), call.base()))));

        fieldRoutes(routes, "user_fields", userFields);
        fieldRoutes(routes, "ticket_fields", ticketFields);
        fieldRoutes(routes, "organization_fields", organizationFields);
        ticketRoutes(routes);
        automationRoutes(routes);
        organizationRoutes(routes);
        eventRoutes(routes);

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
            var headers = failure[1] > 0 ? Map.of("Retry-After", String.valueOf(failure[1])) : Map.<String, String>of();
            throw new ApiError(failure[0], failure[0] == 503 ? "Service Unavailable" : ApiError.envelope("InternalError", "Injected failure"), headers);
        }
        var caller = oauth.authenticate(ctx.header("Authorization"));
        var resource = resourceOf(ctx.path());
        if (!caller.may(ctx.method().name(), resource)) {
            throw ApiError.forbidden();
        }
        var now = clock.instant();
        var budget = accountWindow.take(now, limits.planRequestsPerMinute());
        ctx.header("X-Rate-Limit", String.valueOf(budget.total()));
        ctx.header("X-Rate-Limit-Remaining", String.valueOf(budget.remaining()));
        ctx.header("ratelimit-limit", String.valueOf(budget.total()));
        ctx.header("ratelimit-remaining", String.valueOf(budget.remaining()));
        ctx.header("ratelimit-reset", String.valueOf(budget.resetsInSeconds()));
        if (!budget.admitted()) {
            throw rateLimited("account", budget.resetsInSeconds(),
                    ApiError.envelope("APIRateLimitExceeded", "Number of allowed API requests per minute exceeded"));
        }
        synchronized (lock) {
            jobs.advance(now);
            handler.handle(new Call(ctx, caller, now, ctx.scheme() + "://" + ctx.host(), mapper));
        }
    }

    ApiError rateLimited(String limit, long retryAfter, Object body) {
        stats.countRateLimited(limit);
        return new ApiError(429, body, Map.of("Retry-After", String.valueOf(retryAfter)));
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

    // ---- users -----------------------------------------------------------------------------------

    private JsonNode user(Call call, User user) {
        return renderer.user(user, userFields.all().stream().filter(Field::active).toList(), call.base());
    }

    private void createOrUpdateUser(Call call) {
        var node = call.body("user");
        takeUserWrite(call, users.limitKey(node));
        var outcome = users.upsert(node, call.now());
        organizationFromUser(node, outcome.user(), call.now());
        if (outcome.created()) {
            // Later writes are keyed by the new user's id; this one counts for it too.
            rollingWindows.record(USER_WRITES + "user:" + outcome.user().id(), call.now());
        }
        call.ctx().header("Location", call.base() + "/api/v2/users/" + outcome.user().id() + ".json");
        call.reply(outcome.created() ? 201 : 200, renderer.wrap("user", user(call, users.require(outcome.user().id()))));
    }

    private void updateUser(Call call) {
        var id = call.pathId("id");
        users.require(id);
        var node = call.body("user");
        takeUserWrite(call, "user:" + id);
        var updated = users.update(id, node, call.now());
        organizationFromUser(node, updated, call.now());
        call.reply(200, renderer.wrap("user", user(call, users.require(id))));
    }

    private void createUser(Call call) {
        var node = call.body("user");
        var created = users.create(node, call.now());
        organizationFromUser(node, created, call.now());
        created = users.require(created.id());
        call.ctx().header("Location", call.base() + "/api/v2/users/" + created.id() + ".json");
        call.reply(201, renderer.wrap("user", user(call, created)));
    }

    /** 5 single-user writes per user per rolling minute, with Zendesk's header and plain-text 429. */
    private void takeUserWrite(Call call, String key) {
        var budget = rollingWindows.take(USER_WRITES + key, call.now(), limits.userWritesPerMinute(), Duration.ofMinutes(1));
        call.ctx().header(USER_LIMIT_HEADER, "total=" + budget.total() + "; remaining=" + budget.remaining() + "; resets=" + budget.resetsInSeconds());
        if (!budget.admitted()) {
            throw rateLimited("user_create_update", budget.resetsInSeconds(),
                    "You have exceeded the rate limit for updating a single unique user. user email:  id:  external_id: ");
        }
    }

    private void createOrUpdateMany(Call call) {
        if (!faults.bulkImportsEnabled()) {
            throw ApiError.of(403, "Forbidden", "Bulk user imports are not enabled for this account. Contact Zendesk Customer Support to enable them.");
        }
        var list = call.body().get("users");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiError.badRequest("Parameter 'users' is required and must be a non-empty array.");
        }
        if (list.size() > MAX_BULK_USERS) {
            throw ApiError.badRequest("Too many users: at most " + MAX_BULK_USERS + " per request (got " + list.size() + ").");
        }
        takeJobSlot(call);
        var rows = new ArrayList<JsonNode>();
        list.forEach(rows::add);
        var job = jobs.submit("Bulk Create Or Update User", rows, this::upsertRow, call.now());
        call.reply(200, renderer.wrap("job_status", renderer.job(job, call.base())));
    }

    /** A user's organization_id becomes the default membership and removes every other one. */
    private void organizationFromUser(JsonNode node, User user, Instant now) {
        if (node.has("organization_id")) {
            organizations.replaceMemberships(user.id(), node.get("organization_id").isNull() ? null : node.get("organization_id").asLong(), now);
        }
    }

    void takeJobSlot(Call call) {
        if (jobs.active(call.now()) >= limits.concurrentJobs()) {
            throw rateLimited("jobs", jobs.secondsUntilSlot(call.now()),
                    ApiError.envelope("TooManyJobs", "Number of allowed concurrent jobs (" + limits.concurrentJobs() + ") exceeded"));
        }
    }

    private Map<String, Object> upsertRow(JsonNode row, Instant at) {
        var result = new LinkedHashMap<String, Object>();
        var existed = row.isObject() && users.match(row).isPresent();
        try {
            if (!row.isObject()) {
                throw ApiError.badRequest("Each user must be an object");
            }
            var outcome = users.upsert(row, at);
            organizationFromUser(row, outcome.user(), at);
            result.put("id", outcome.user().id());
            result.put("status", outcome.created() ? "Created" : "Updated");
            result.put("action", outcome.created() ? "create" : "update");
            result.put("success", true);
        } catch (ApiError error) {
            result.put("error", existed ? "UserUpdateError" : "UserCreateError");
            result.put("details", describe(error));
            result.put("status", "Failed");
            result.put("success", false);
        }
        if (row.hasNonNull("external_id")) {
            result.put("external_id", row.get("external_id").asText());
        } else if (row.hasNonNull("email")) {
            result.put("email", row.get("email").asText());
        }
        return result;
    }

    /** A job row's error text: the descriptions of a RecordInvalid, joined. */
    private String describe(ApiError error) {
        JsonNode body = mapper.valueToTree(error.body());
        var parts = new ArrayList<String>();
        body.path("details").forEach(problems -> problems.forEach(problem -> parts.add(problem.path("description").asText())));
        return parts.isEmpty() ? body.path("description").asText(String.valueOf(error.body())) : String.join(" ", parts);
    }

    private void showManyUsers(Call call) {
        var ids = call.listParam("ids");
        var externalIds = call.listParam("external_ids");
        if (ids.isEmpty() == externalIds.isEmpty()) {
            throw ApiError.badRequest("Send exactly one of 'ids' or 'external_ids'.");
        }
        var found = ids.isEmpty()
                ? externalIds.stream().map(users::byExternalId).flatMap(Optional::stream).toList()
                : ids.stream().map(ZendeskApiSimulator::parseId).map(users::byId).flatMap(Optional::stream).toList();
        call.reply(200, renderer.list("users", found.stream().map(found1 -> user(call, found1)).toList()));
    }

    private void searchUsers(Call call) {
        var externalId = call.ctx().queryParam("external_id");
        var query = call.ctx().queryParam("query");
        List<User> found;
        if (externalId != null) {
            found = users.byExternalId(externalId).stream().toList();
        } else if (query != null && !query.isBlank()) {
            var q = query.trim();
            if (q.toLowerCase(Locale.ROOT).startsWith("email:")) {
                found = users.byEmail(unquote(q.substring(6))).stream().toList();
            } else if (q.toLowerCase(Locale.ROOT).startsWith("external_id:")) {
                found = users.byExternalId(unquote(q.substring(12))).stream().toList();
            } else {
                found = users.search(unquote(q));
            }
        } else {
            throw ApiError.badRequest("Send 'query' or 'external_id'.");
        }
        call.reply(200, renderer.list("users", found.stream().map(each -> user(call, each)).toList()));
    }

    private void listUsers(Call call) {
        var externalId = call.ctx().queryParam("external_id");
        var found = externalId == null ? users.all() : users.byExternalId(externalId).stream().toList();
        call.reply(200, renderer.list("users", found.stream().map(each -> user(call, each)).toList()));
    }

    // ---- tickets ---------------------------------------------------------------------------------

    private JsonNode ticket(Call call, Ticket ticket) {
        return renderer.ticket(ticket, ticketFields.all(), call.base());
    }

    private void ticketRoutes(RoutesConfig routes) {
        api(routes, "GET", "/api/v2/tickets/show_many", call -> call.reply(200, renderer.list("tickets", call.listParam("ids").stream()
                .map(ZendeskApiSimulator::parseId).map(tickets::byId).flatMap(Optional::stream).map(each -> ticket(call, each)).toList())));
        api(routes, "GET", "/api/v2/tickets", call -> call.reply(200, renderer.list("tickets",
                tickets.all().stream().map(each -> ticket(call, each)).toList())));
        api(routes, "POST", "/api/v2/tickets", call -> {
            var key = call.ctx().header("Idempotency-Key");
            var saved = tickets.create(call.body(), key, call.caller(), call.now(), call.base());
            if (key != null) {
                call.ctx().header("x-idempotency-lookup", saved.replayed() ? "hit" : "miss");
            }
            notify(saved);
            call.ctx().header("Location", call.base() + "/api/v2/tickets/" + saved.ticket().id() + ".json");
            call.reply(201, renderer.wrap("ticket", ticket(call, saved.ticket())));
        });
        api(routes, "GET", "/api/v2/tickets/{id}", call -> call.reply(200, renderer.wrap("ticket", ticket(call, tickets.require(call.pathId("id"))))));
        api(routes, "PUT", "/api/v2/tickets/{id}", call -> {
            var id = call.pathId("id");
            tickets.require(id);
            var node = call.body("ticket");
            takeTicketUpdate(call, id);
            var saved = tickets.update(id, node, call.caller(), call.now(), call.base());
            notify(saved);
            call.reply(200, renderer.wrap("ticket", ticket(call, saved.ticket())));
        });
        api(routes, "PUT", "/api/v2/tickets/{id}/tags", call -> {
            var tags = call.body().get("tags");
            if (tags == null) {
                throw ApiError.badRequest("Parameter 'tags' is required.");
            }
            call.reply(200, mapper.createObjectNode().set("tags",
                    mapper.valueToTree(tickets.addTags(call.pathId("id"), tags, call.now()).tags())));
        });
    }

    /** Update Ticket: per user per ticket over a rolling ten minutes, then per account over a rolling minute. */
    private void takeTicketUpdate(Call call, long ticketId) {
        var perTicket = rollingWindows.take("ticket-update:" + call.caller().subject() + ":" + ticketId, call.now(),
                limits.ticketUpdatesPerTicket(), Duration.ofMinutes(10));
        if (!perTicket.admitted()) {
            throw rateLimited("ticket_update_ticket", perTicket.resetsInSeconds(),
                    ApiError.envelope("APIRateLimitExceeded", "Number of allowed updates to this ticket per 10 minutes exceeded"));
        }
        var account = rollingWindows.take("ticket-update:account", call.now(), limits.ticketUpdatesPerMinute(), Duration.ofMinutes(1));
        if (!account.admitted()) {
            throw rateLimited("ticket_update_account", account.resetsInSeconds(),
                    ApiError.envelope("APIRateLimitExceeded", "Number of allowed ticket updates per minute exceeded"));
        }
    }

    private void notify(TicketDesk.Saved saved) {
        for (var notification : saved.notifications()) {
            webhooks.byId(notification.webhookId()).filter(webhook -> webhook.status().equals("active"))
                    .ifPresent(webhook -> dispatcher.send(webhook, notification.body()));
        }
    }

    // ---- triggers, webhooks, views ---------------------------------------------------------------

    private void automationRoutes(RoutesConfig routes) {
        api(routes, "GET", "/api/v2/triggers", call -> call.reply(200, renderer.list("triggers",
                tickets.triggers().stream().map(trigger -> renderer.trigger(trigger, call.base())).toList())));
        api(routes, "POST", "/api/v2/triggers", call -> call.reply(201, renderer.wrap("trigger", renderer.trigger(
                tickets.saveTrigger(null, call.body("trigger"), webhookIds(), call.now()), call.base()))));
        api(routes, "GET", "/api/v2/triggers/{id}", call -> call.reply(200, renderer.wrap("trigger", renderer.trigger(
                tickets.trigger(call.pathId("id")).orElseThrow(ApiError::notFound), call.base()))));
        api(routes, "PUT", "/api/v2/triggers/{id}", call -> call.reply(200, renderer.wrap("trigger", renderer.trigger(
                tickets.saveTrigger(call.pathId("id"), call.body("trigger"), webhookIds(), call.now()), call.base()))));
        api(routes, "DELETE", "/api/v2/triggers/{id}", call -> {
            tickets.deleteTrigger(call.pathId("id"));
            call.noContent();
        });

        api(routes, "GET", "/api/v2/webhooks", call -> {
            var body = renderer.object();
            body.putArray("webhooks").addAll(webhooks.all().stream().map(renderer::webhook).toList());
            body.putObject("meta").put("has_more", false).putNull("after_cursor").putNull("before_cursor");
            body.putObject("links").putNull("next").putNull("prev");
            call.reply(200, body);
        });
        api(routes, "POST", "/api/v2/webhooks", call -> call.reply(201, renderer.wrap("webhook",
                renderer.webhook(webhooks.save(null, call.body("webhook"), call.now())))));
        api(routes, "GET", "/api/v2/webhooks/{id}", call -> call.reply(200, renderer.wrap("webhook",
                renderer.webhook(webhooks.require(call.pathText("id"))))));
        for (var method : List.of("PUT", "PATCH")) {
            api(routes, method, "/api/v2/webhooks/{id}", call -> {
                webhooks.save(call.pathText("id"), call.body("webhook"), call.now());
                call.noContent();
            });
        }
        api(routes, "DELETE", "/api/v2/webhooks/{id}", call -> {
            webhooks.delete(call.pathText("id"));
            call.noContent();
        });
        api(routes, "GET", "/api/v2/webhooks/{id}/signing_secret", call -> call.reply(200, signingSecret(webhooks.require(call.pathText("id")))));
        api(routes, "POST", "/api/v2/webhooks/{id}/signing_secret", call -> call.reply(200,
                signingSecret(webhooks.resetSecret(call.pathText("id"), call.now()))));
        api(routes, "GET", "/api/v2/webhooks/{id}/invocations", call -> {
            var id = webhooks.require(call.pathText("id")).id();
            var body = renderer.object();
            body.putArray("invocations").addAll(dispatcher.invocations().stream().filter(invocation -> invocation.webhookId().equals(id))
                    .map(renderer::invocation).toList());
            body.putObject("meta").put("has_more", false);
            call.reply(200, body);
        });

        api(routes, "GET", "/api/v2/views", call -> call.reply(200, renderer.list("views",
                views.values().stream().map(view -> renderer.view(view, call.base())).toList())));
        api(routes, "POST", "/api/v2/views", call -> call.reply(201, renderer.wrap("view", renderer.view(saveView(null, call), call.base()))));
        api(routes, "GET", "/api/v2/views/{id}", call -> call.reply(200, renderer.wrap("view", renderer.view(view(call), call.base()))));
        api(routes, "PUT", "/api/v2/views/{id}", call -> call.reply(200, renderer.wrap("view",
                renderer.view(saveView(view(call).id(), call), call.base()))));
        api(routes, "DELETE", "/api/v2/views/{id}", call -> {
            views.remove(view(call).id());
            call.noContent();
        });
        api(routes, "GET", "/api/v2/views/{id}/tickets", call -> call.reply(200, renderer.list("tickets",
                viewTickets(view(call)).stream().map(each -> ticket(call, each)).toList())));
    }

    private java.util.Set<String> webhookIds() {
        return webhooks.all().stream().map(Webhook::id).collect(java.util.stream.Collectors.toSet());
    }

    private JsonNode signingSecret(Webhook webhook) {
        var body = renderer.object();
        body.putObject("signing_secret").put("algorithm", "SHA256").put("secret", webhook.signingSecret());
        return body;
    }

    private View view(Call call) {
        var view = views.get(call.pathId("id"));
        if (view == null) {
            throw ApiError.notFound();
        }
        return view;
    }

    private View saveView(Long id, Call call) {
        var node = call.body("view");
        var old = id == null ? null : views.get(id);
        var title = node.has("title") ? node.get("title").asText() : old == null ? null : old.title();
        var conditions = node.has("conditions") ? node.get("conditions") : old == null ? null : old.conditions();
        var problems = new LinkedHashMap<String, String>();
        if (title == null || title.isBlank()) {
            problems.put("title", "Title: cannot be blank");
        }
        if (conditions == null || !conditions.isObject() || conditions.path("all").isEmpty() && conditions.path("any").isEmpty()) {
            problems.put("conditions", "Conditions: at least one condition is required");
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        var execution = node.has("execution") ? node.get("execution") : node.has("output") ? node.get("output")
                : old == null ? mapper.createObjectNode() : old.execution();
        var newId = id == null ? ids.incrementAndGet() : id;
        var view = new View(newId, title, node.path("active").asBoolean(old == null || old.active()),
                node.path("position").asLong(old == null ? views.size() + 1 : old.position()), conditions, execution,
                old == null ? call.now() : old.createdAt(), call.now());
        views.put(newId, view);
        return view;
    }

    /** The view's tickets, sorted by its {@code execution.sort_by} / {@code sort_order} (custom fields by value, like tags). */
    private List<Ticket> viewTickets(View view) {
        var sortBy = view.execution().path("sort_by").asText(view.execution().path("sort").path("id").asText("created_at"));
        var descending = "desc".equalsIgnoreCase(view.execution().path("sort_order").asText(view.execution().path("sort").path("order").asText("asc")));
        java.util.Comparator<Ticket> order = switch (sortBy) {
            case "priority" -> java.util.Comparator.comparingInt(ticket -> TicketDesk.PRIORITIES.indexOf(ticket.priority()));
            case "updated_at", "updated" -> java.util.Comparator.comparing(Ticket::updatedAt);
            case "status" -> java.util.Comparator.comparing(Ticket::status);
            case "id", "nice_id" -> java.util.Comparator.comparingLong(Ticket::id);
            default -> sortBy.startsWith("custom_fields_") || sortBy.matches("[0-9]+")
                    ? java.util.Comparator.comparing(ticket -> String.valueOf(ticket.customFields()
                    .getOrDefault(parseId(sortBy.replace("custom_fields_", "")), "\uffff")))
                    : java.util.Comparator.comparing(Ticket::createdAt);
        };
        return tickets.all().stream().filter(ticket -> tickets.matches(view.conditions(), ticket, ticket))
                .sorted(descending ? order.reversed() : order).toList();
    }

    // ---- organizations and memberships ---------------------------------------------------------------

    private JsonNode organization(Call call, Organization org) {
        return renderer.organization(org, organizationFields.all().stream().filter(Field::active).toList(), call.base());
    }

    private JsonNode memberships(Call call, List<Membership> list) {
        return renderer.list("organization_memberships", list.stream().map(membership -> (JsonNode) renderer.membership(membership,
                organizations.byId(membership.organizationId()).map(Organization::name).orElse(null), call.base())).toList());
    }

    private void organizationRoutes(RoutesConfig routes) {
        api(routes, "POST", "/api/v2/organizations/create_or_update", call -> {
            var node = call.body("organization");
            organizations.match(node).ifPresent(existing -> takeOrganizationUpdate(call, existing.id()));
            var outcome = organizations.upsert(node, call.now());
            call.ctx().header("Location", call.base() + "/api/v2/organizations/" + outcome.organization().id() + ".json");
            call.reply(outcome.created() ? 201 : 200, renderer.wrap("organization", organization(call, outcome.organization())));
        });
        api(routes, "GET", "/api/v2/organizations/show_many", call -> {
            var ids = call.listParam("ids");
            var found = ids.isEmpty()
                    ? call.listParam("external_ids").stream().map(organizations::byExternalId).flatMap(Optional::stream).toList()
                    : ids.stream().map(ZendeskApiSimulator::parseId).map(organizations::byId).flatMap(Optional::stream).toList();
            call.reply(200, renderer.list("organizations", found.stream().map(org -> organization(call, org)).toList()));
        });
        api(routes, "GET", "/api/v2/organizations/search", call -> {
            var externalId = call.ctx().queryParam("external_id");
            var name = call.ctx().queryParam("name");
            var found = organizations.all().stream().filter(org -> externalId != null ? externalId.equalsIgnoreCase(org.externalId())
                    : name != null && org.name().equalsIgnoreCase(name)).toList();
            call.reply(200, renderer.list("organizations", found.stream().map(org -> organization(call, org)).toList()));
        });
        api(routes, "GET", "/api/v2/organizations", call -> call.reply(200, renderer.list("organizations",
                organizations.all().stream().map(org -> organization(call, org)).toList())));
        api(routes, "POST", "/api/v2/organizations", call -> {
            var created = organizations.create(call.body("organization"), call.now());
            call.ctx().header("Location", call.base() + "/api/v2/organizations/" + created.id() + ".json");
            call.reply(201, renderer.wrap("organization", organization(call, created)));
        });
        api(routes, "GET", "/api/v2/organizations/{id}", call -> call.reply(200, renderer.wrap("organization",
                organization(call, organizations.require(call.pathId("id"))))));
        api(routes, "PUT", "/api/v2/organizations/{id}", call -> {
            var id = call.pathId("id");
            organizations.require(id);
            var node = call.body("organization");
            takeOrganizationUpdate(call, id);
            call.reply(200, renderer.wrap("organization", organization(call, organizations.update(id, node, call.now()))));
        });
        api(routes, "DELETE", "/api/v2/organizations/{id}", call -> {
            organizations.delete(call.pathId("id"), call.now());
            call.noContent();
        });
        api(routes, "GET", "/api/v2/organizations/{id}/organization_memberships", call ->
                call.reply(200, memberships(call, organizations.membershipsOfOrganization(organizations.require(call.pathId("id")).id()))));

        api(routes, "GET", "/api/v2/organization_memberships", call -> call.reply(200, memberships(call, organizations.memberships())));
        api(routes, "POST", "/api/v2/organization_memberships", call -> createMembership(call, null));
        api(routes, "DELETE", "/api/v2/organization_memberships/{id}", call -> {
            organizations.deleteMembership(call.pathId("id"), call.now());
            call.noContent();
        });
        api(routes, "GET", "/api/v2/users/{id}/organization_memberships", call ->
                call.reply(200, memberships(call, organizations.membershipsOfUser(users.require(call.pathId("id")).id()))));
        api(routes, "POST", "/api/v2/users/{id}/organization_memberships", call -> createMembership(call, call.pathId("id")));
        api(routes, "DELETE", "/api/v2/users/{id}/organization_memberships/{membership}", call -> {
            var membership = organizations.memberships().stream().filter(each -> each.id() == call.pathId("membership")
                    && each.userId() == call.pathId("id")).findFirst().orElseThrow(ApiError::notFound);
            organizations.deleteMembership(membership.id(), call.now());
            call.noContent();
        });
        api(routes, "PUT", "/api/v2/users/{id}/organization_memberships/{membership}/make_default", call ->
                call.reply(200, memberships(call, organizations.makeDefault(call.pathId("id"), call.pathId("membership"), call.now()))));
    }

    private void createMembership(Call call, Long userId) {
        var node = call.body("organization_membership");
        var user = userId != null ? userId : node.path("user_id").asLong(-1);
        var membership = organizations.addMembership(user, node.path("organization_id").asLong(-1), call.now());
        call.ctx().header("Location", call.base() + "/api/v2/organization_memberships/" + membership.id() + ".json");
        call.reply(201, renderer.wrap("organization_membership", renderer.membership(membership,
                organizations.byId(membership.organizationId()).map(Organization::name).orElse(null), call.base())));
    }

    /** Update Organization: 5 per minute per organization (rolling). */
    private void takeOrganizationUpdate(Call call, long organizationId) {
        var budget = rollingWindows.take("org-update:" + organizationId, call.now(), ORGANIZATION_UPDATES_PER_MINUTE, Duration.ofMinutes(1));
        if (!budget.admitted()) {
            throw rateLimited("organization_update", budget.resetsInSeconds(),
                    ApiError.envelope("APIRateLimitExceeded", "Number of allowed organization updates per minute exceeded"));
        }
    }

    // ---- Events API, incremental exports, satisfaction ratings -----------------------------------

    private void eventRoutes(RoutesConfig routes) {
        api(routes, "POST", "/api/v2/user_profiles/events", call -> trackEvent(call, null));
        api(routes, "POST", "/api/v2/users/{id}/events", call -> trackEvent(call, call.pathId("id")));
        api(routes, "GET", "/api/v2/users/{id}/events", call -> {
            var body = renderer.object();
            body.putArray("data").addAll(profileEvents.ofUser(users.require(call.pathId("id")).id()).stream()
                    .map(renderer::profileEvent).toList());
            call.reply(200, body);
        });
        api(routes, "GET", "/api/v2/incremental/ticket_events", this::incrementalTicketEvents);
        api(routes, "POST", "/api/v2/tickets/{id}/satisfaction_rating", call -> {
            var node = call.body("satisfaction_rating");
            var score = node.path("score").asText();
            if (!score.equals("good") && !score.equals("bad")) {
                throw ApiError.invalid("score", "Score: must be good or bad");
            }
            var event = tickets.rate(call.pathId("id"), score, node.hasNonNull("comment") ? node.get("comment").asText() : null, call.now());
            call.reply(200, renderer.wrap("satisfaction_rating", renderer.satisfactionRating(event, tickets.require(event.ticketId()), call.base())));
        });
        api(routes, "GET", "/api/v2/satisfaction_ratings", call -> {
            var from = epoch(call.ctx().queryParam("start_time"), Instant.EPOCH);
            var to = epoch(call.ctx().queryParam("end_time"), Instant.MAX);
            var score = call.ctx().queryParam("score");
            var ratings = tickets.events().stream().filter(event -> event.eventType().equals("SatisfactionRating"))
                    .filter(event -> !event.at().isBefore(from) && event.at().isBefore(to))
                    .filter(event -> score == null || score.equals("received") || score.equals(event.changes().get("score")))
                    .map(event -> (JsonNode) renderer.satisfactionRating(event, tickets.require(event.ticketId()), call.base())).toList();
            call.reply(200, renderer.list("satisfaction_ratings", ratings));
        });
    }

    private void trackEvent(Call call, Long userId) {
        var event = profileEvents.track(call.body(), userId, call.now());
        var body = renderer.object();
        body.put("profile_id", event.profileId());
        body.put("status", "received");
        body.put("user_id", String.valueOf(event.userId()));
        call.reply(202, body);
    }

    /**
     * Time-based incremental export: events at or after {@code start_time} and older than one minute
     * (Zendesk leaves out the last minute), up to 1000 per page; 10 requests per minute.
     */
    private void incrementalTicketEvents(Call call) {
        var budget = rollingWindows.take("incremental", call.now(), INCREMENTAL_EXPORTS_PER_MINUTE, Duration.ofMinutes(1));
        if (!budget.admitted()) {
            throw rateLimited("incremental_export", budget.resetsInSeconds(),
                    ApiError.envelope("APIRateLimitExceeded", "Number of allowed incremental export API requests per minute exceeded"));
        }
        var raw = call.ctx().queryParam("start_time");
        if (raw == null || !raw.matches("[0-9]{1,12}")) {
            throw ApiError.badRequest("start_time is required: a Unix time in seconds.");
        }
        var start = Instant.ofEpochSecond(Long.parseLong(raw));
        var horizon = call.now().minusSeconds(60);
        var page = tickets.events().stream().filter(event -> !event.at().isBefore(start) && event.at().isBefore(horizon))
                .limit(INCREMENTAL_PAGE).toList();
        var endTime = page.isEmpty() ? start.getEpochSecond() : page.get(page.size() - 1).at().getEpochSecond();
        var body = renderer.object();
        body.putArray("ticket_events").addAll(page.stream().map(event -> (JsonNode) renderer.ticketEvent(event,
                tickets.byId(event.ticketId()).map(Ticket::requesterId).orElse(0L))).toList());
        body.put("next_page", call.base() + "/api/v2/incremental/ticket_events.json?start_time=" + endTime);
        body.put("count", page.size());
        body.put("end_time", endTime);
        body.put("end_of_stream", page.size() < INCREMENTAL_PAGE);
        call.reply(200, body);
    }

    private static Instant epoch(String raw, Instant fallback) {
        return raw == null || !raw.matches("[0-9]{1,12}") ? fallback : Instant.ofEpochSecond(Long.parseLong(raw));
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

    private static long parseId(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String unquote(String value) {
        var trimmed = value.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    Clock clock() {
        return clock;
    }

    OkHttpClient http() {
        return http;
    }
}
