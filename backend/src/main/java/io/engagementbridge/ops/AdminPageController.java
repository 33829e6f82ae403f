package io.engagementbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.cdp.CdpInbox;
import io.engagementbridge.cdp.Imports;
import io.engagementbridge.cdp.ImportsController;
import io.engagementbridge.cdp.MessageLog;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.Connections;
import io.engagementbridge.oauth.AppCaller;
import io.engagementbridge.oauth.ConnectController;
import io.engagementbridge.oauth.DisconnectConnection;
import io.engagementbridge.observability.MinuteHistory;
import io.engagementbridge.priority.ProvisionConnection;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.relay.SweepLog;
import io.engagementbridge.settings.SettingsParser;
import io.engagementbridge.sidebar.AgentContext;
import io.engagementbridge.sidebar.ConnectionCheck;
import io.engagementbridge.sidebar.Messages;
import io.engagementbridge.sidebar.SecureHeaders;
import io.engagementbridge.web.ApiException;
import io.engagementbridge.work.KindSummary;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.work.WorkState;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.ZendeskClients;
import io.engagementbridge.zendesk.ZendeskException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app's admin page (the {@code nav_bar} location): what the bridge did for this installation's
 * connection, and the admin's actions on it. Every call comes through Zendesk's secure proxy, proven by
 * the ZAF JWT and made by an admin ({@link AppCaller}); anything else gets 401 or 403 and no data.
 */
public final class AdminPageController {
    public static final String PATH = "/v1/app/admin";
    static final int DEAD_LETTERS_SHOWN = 200;
    static final int RECENT_SHOWN = 10;
    static final int CSV_ROWS = 10_000;
    static final int IMPORTS_SHOWN = 5;
    static final int FAILED_ROWS_SHOWN = 100;
    static final int MESSAGES_SHOWN = 10;
    private static final String ADMINS_ONLY = "Only Zendesk admins can see or change the bridge's admin page";

    private final AppCaller caller;
    private final Connections connections;
    private final WorkRepository work;
    private final ConnectedZendesk zendesk;
    private final ZendeskOAuthConfig oauth;
    private final MinuteHistory history;
    private final TierCounts tiers;
    private final SyncOutcomes sync;
    private final SweepLog sweeps;
    private final EngagementTest engagementTest;
    private final Clock clock;

    public AdminPageController(AppCaller caller, Connections connections, WorkRepository work, ZendeskClients clients, ZendeskOAuthConfig oauth,
                               MinuteHistory history, JobPoller.Sleeper sleeper, Clock clock, Imports imports, MessageLog messages, SweepLog sweeps,
                               ConnectionCheck engagementCheck, SettingsParser parser) {
        this.caller = caller;
        this.connections = connections;
        this.work = work;
        this.zendesk = new ConnectedZendesk(connections.repository(), clients, oauth);
        this.oauth = oauth;
        this.history = history;
        this.tiers = new TierCounts(sleeper);
        this.sync = new SyncOutcomes(imports, messages);
        this.sweeps = sweeps;
        this.engagementTest = new EngagementTest(engagementCheck, parser);
        this.clock = clock;
    }

    public void register(RoutesConfig routes, io.engagementbridge.observability.Metrics metrics) {
        routes.post(PATH + "/overview", this::overview);
        routes.post(PATH + "/tiers", this::tiers);
        routes.post(PATH + "/repair", this::repair);
        routes.post(PATH + "/disconnect", this::disconnect);
        routes.post(PATH + "/replay", this::replay);
        routes.post(PATH + "/dead-letters", this::deadLettersCsv);
        routes.post(PATH + "/import-rows", this::failedRowsCsv);
        routes.post(PATH + "/engagement-test", this::engagementTest);
        routes.post(PATH + "/cdp-token", this::newCdpToken);
        Alerts.gauges(metrics, work, connections.repository(), clock);
    }

    /** POST /v1/app/admin/overview: the Connection, Sync, Relay and Limits panels and the alerts, in one answer. */
    public void overview(Context ctx) {
        var connection = connection(ctx);
        var view = new LinkedHashMap<String, Object>();
        view.put("oauth_configured", oauth.configured());
        view.put("connected", connection.isPresent());
        view.put("cdp_events_path", CdpInbox.EVENTS_PATH);
        view.put("cdp_imports_path", ImportsController.PATH);
        view.put("limits", limits(connection.map(Connection::planRequestsPerMinute).orElse(Connection.DEFAULT_PLAN_REQUESTS_PER_MINUTE)));
        if (connection.isEmpty()) {
            view.put("alerts", List.of());
            view.put("work", List.of());
            ctx.json(view);
            return;
        }
        var c = connection.get();
        var now = clock.instant();
        var summary = work.summaryByKind(c.id(), now.minus(Duration.ofHours(1)));
        var dead = work.items(c.id(), WorkState.DEAD, DEAD_LETTERS_SHOWN);
        var secrets = connections.repository().secrets(c.id()).map(v -> v.secrets().zendesk()).orElse(null);
        view.put("connection", describe(c, summary));
        view.put("alerts", secrets == null ? List.of() : Alerts.of(c.authType(), secrets, summary, dead, now));
        view.put("work", summary.stream().map(kind -> kindView(c.id(), kind, dead, now)).toList());
        view.put("imports", sync.imports(c.id(), IMPORTS_SHOWN, FAILED_ROWS_SHOWN));
        view.put("messages", sync.messages(c.id(), MESSAGES_SHOWN));
        view.put("relay_sweep", sweeps.last(c.id()).map(AdminPageController::sweepView).orElse(null));
        ctx.json(view);
    }

    /**
     * POST /v1/app/admin/cdp-token: a new bearer token for this connection's CDP APIs, answered once and stored only as
     * its hash; the previous token stops working at once (how an admin who connected with OAuth gets one, or replaces a leaked one).
     */
    public void newCdpToken(Context ctx) {
        var c = required(ctx);
        var token = connections.rotateInboundToken(c.id()).orElseThrow(AdminPageController::notConnected);
        ctx.json(Map.of("token", token));
    }

    /** POST /v1/app/admin/tiers: users and open tickets per tier, read from Zendesk now. */
    public void tiers(Context ctx) throws InterruptedException {
        var c = required(ctx);
        var account = zendesk.find(c.id()).orElseThrow(AdminPageController::notConnected);
        try {
            ctx.json(TierCounts.view(tiers.read(account.client(), account.governor(), c.id())));
        } catch (ZendeskException e) {
            throw new ApiException(502, "Zendesk did not answer the tier counts (" + e.failure().summary() + "): " + e.failure().hint());
        }
    }

    /** POST /v1/app/admin/repair: provisioning again, as queued work, re-creates whatever was deleted in Zendesk. */
    public void repair(Context ctx) {
        var c = required(ctx);
        if (DisconnectConnection.underWay(work, c.id())) {
            throw new ApiException(409, "A disconnect of this connection is under way: connect Zendesk again once it has finished, then Repair");
        }
        work.enqueue(ProvisionConnection.work(c.id(), "repair-" + clock.millis()), clock.instant());
        ctx.json(Map.of("queued", true));
    }

    /** POST /v1/app/admin/disconnect: queues the removal of what we created in Zendesk, then of the connection. */
    public void disconnect(Context ctx) {
        var c = required(ctx);
        DisconnectConnection.queue(work, c.id(), clock.instant());
        ctx.json(Map.of("queued", true));
    }

    /** POST /v1/app/admin/replay {"kind": …}: puts that kind's dead letters back in line. */
    public void replay(Context ctx) {
        var call = call(ctx);
        var c = call.required();
        var kind = call.body().path("kind").asText("");
        if (kind.isBlank() || kind.length() > 60) {
            throw new ApiException(400, "Say which kind of work to replay: {\"kind\": \"provision_zendesk\"}");
        }
        ctx.json(Map.of("replayed", work.replayDeadLetters(c.id(), Optional.of(kind), clock.instant())));
    }

    /** POST /v1/app/admin/dead-letters {"kind": …}: the dead letters (of one kind, or all) as CSV. */
    public void deadLettersCsv(Context ctx) throws IOException {
        var call = call(ctx);
        var c = call.required();
        var kind = call.body().path("kind").asText("");
        var rows = work.items(c.id(), WorkState.DEAD, CSV_ROWS).stream().filter(item -> kind.isEmpty() || kind.equals(item.kind()))
                .map(item -> List.<Object>of(item.id(), item.kind(), item.key(), item.attempts(), item.createdAt(), item.lastError().orElse("")))
                .toList();
        csv(ctx, List.of("id", "kind", "key", "attempts", "created_at", "reason"), rows);
    }

    /** POST /v1/app/admin/import-rows {"import": …, "reason": …}: an import's failed rows (all, or those with one reason) as CSV. */
    public void failedRowsCsv(Context ctx) throws IOException {
        var call = call(ctx);
        var c = call.required();
        var id = call.body().path("import").asText("");
        var reason = call.body().path("reason").asText("");
        if (id.isBlank() || id.length() > 60) {
            throw new ApiException(400, "Say which import's failed rows to download: {\"import\": \"imp_…\"}, as the page lists them");
        }
        var rows = sync.failedRows(c.id(), id, CSV_ROWS).orElseThrow(() -> new ApiException(404,
                "No import " + id + " on this connection: refresh the page and pick one it lists"));
        csv(ctx, List.of("row", "user", "reason", "fix"), rows.stream().filter(row -> reason.isEmpty() || reason.equals(row.reason()))
                .map(row -> List.<Object>of(row.row(), nullToEmpty(row.user()), nullToEmpty(row.reason()), nullToEmpty(row.fix()))).toList());
    }

    /** POST /v1/app/admin/engagement-test: one cheap authenticated Engagement call with the app's settings (and the connection's, if they differ). */
    public void engagementTest(Context ctx) {
        var call = call(ctx);
        var secrets = call.connection().flatMap(c -> connections.repository().secrets(c.id())).map(v -> v.secrets());
        var messages = new Messages(AgentContext.from(call.body().get("agent")).locale());
        ctx.future(() -> engagementTest.run(call.body().path("settings"), SecureHeaders.problems(ctx::header), SecureHeaders.credentials(ctx::header),
                call.connection(), secrets, messages).thenAccept(ctx::json));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A CSV answer (RFC 4180); a cell a spreadsheet would run as a formula is opened as text instead. */
    private static void csv(Context ctx, List<String> header, List<List<Object>> rows) throws IOException {
        var out = new StringBuilder();
        try (var printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (var row : rows) {
                printer.printRecord(row.stream().map(AdminPageController::inert));
            }
        }
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }

    private static Object inert(Object cell) {
        if (cell instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return cell == null ? "" : cell.toString();
    }

    /** A verified admin's call: the installation's connection, if any, and the request body. */
    private record Call(Optional<Connection> connection, JsonNode body) {
        Connection required() {
            return connection.orElseThrow(AdminPageController::notConnected);
        }
    }

    /** 401 before 403: the JWT first, then the admin role. */
    private Call call(Context ctx) {
        var installation = caller.installation(ctx);
        var body = caller.adminBody(ctx, ADMINS_ONLY);
        return new Call(connections.repository().findByInstallation(installation.key()), body);
    }

    private Optional<Connection> connection(Context ctx) {
        return call(ctx).connection();
    }

    private Connection required(Context ctx) {
        return call(ctx).required();
    }

    private static ApiException notConnected() {
        return new ApiException(409, "This installation is not connected to Zendesk yet: use Connect Zendesk first");
    }

    private Map<String, Object> describe(Connection c, List<KindSummary> summary) {
        var view = ConnectController.describe(connections, c);
        view.put("provisioned", provisioned(c.settings().path(Provisioning.SETTING)));
        view.put("provisioning", unfinished(summary, ProvisionConnection.KIND));
        view.put("disconnecting", unfinished(summary, DisconnectConnection.KIND));
        return view;
    }

    private static boolean unfinished(List<KindSummary> summary, String kind) {
        return summary.stream().anyMatch(k -> k.kind().equals(kind) && k.pending() + k.running() > 0);
    }

    /** The ids provisioning recorded, one row per Zendesk object. */
    private static List<Map<String, Object>> provisioned(JsonNode recorded) {
        var rows = new ArrayList<Map<String, Object>>();
        recorded.fields().forEachRemaining(entry -> {
            if (entry.getValue().isObject()) {
                entry.getValue().fields().forEachRemaining(each -> rows.add(Map.of("kind", singular(entry.getKey()), "name", each.getKey(),
                        "id", each.getValue().asLong())));
            } else if (entry.getValue().canConvertToLong()) {
                rows.add(Map.of("kind", entry.getKey(), "name", entry.getKey(), "id", entry.getValue().asLong()));
            }
        });
        return rows;
    }

    private static String singular(String plural) {
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }

    private Map<String, Object> kindView(String connectionId, KindSummary kind, List<WorkItem> dead, Instant now) {
        var view = new LinkedHashMap<String, Object>();
        view.put("kind", kind.kind());
        view.put("panel", kind.kind().startsWith("relay") ? "relay" : "sync");
        view.put("pending", kind.pending());
        view.put("running", kind.running());
        view.put("done_last_hour", kind.doneRecently());
        view.put("dead", kind.dead());
        view.put("oldest_pending_seconds", kind.oldestUnfinished().map(o -> Math.max(0, Duration.between(o, now).toSeconds())).orElse(null));
        view.put("dead_letters", dead.stream().filter(item -> item.kind().equals(kind.kind())).map(AdminPageController::itemView).toList());
        view.put("recent", work.recent(connectionId, kind.kind(), RECENT_SHOWN).stream().map(AdminPageController::itemView).toList());
        return view;
    }

    private static Map<String, Object> itemView(WorkItem item) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", item.id());
        view.put("key", item.key());
        view.put("state", item.state().name().toLowerCase(java.util.Locale.ROOT));
        view.put("attempts", item.attempts());
        view.put("created_at", item.createdAt().toString());
        view.put("reason", item.lastError().orElse(null));
        return view;
    }

    private static Map<String, Object> sweepView(SweepLog.LastSweep sweep) {
        var view = new LinkedHashMap<String, Object>();
        view.put("finished_at", sweep.finishedAt().toString());
        view.put("since", sweep.since().toString());
        view.put("seen", sweep.seen());
        view.put("recovered", sweep.recovered());
        view.put("last_recovery_at", sweep.lastRecoveryAt().map(Instant::toString).orElse(null));
        view.put("last_recovered", sweep.lastRecovered());
        return view;
    }

    /** Per minute over the last hour: Zendesk requests against the governor's budget, 429s by limit, Engagement calls. */
    private Map<String, Object> limits(int planPerMinute) {
        var window = history.lastHour();
        var view = new LinkedHashMap<String, Object>();
        view.put("from", window.from().toString());
        view.put("minutes", MinuteHistory.MINUTES);
        view.put("budget_per_minute", planPerMinute);
        var empty = new long[MinuteHistory.MINUTES];
        view.put("zendesk_requests", window.counts().getOrDefault(io.engagementbridge.observability.Metrics.ZENDESK_REQUESTS, empty));
        view.put("engagement_calls", window.counts().getOrDefault(io.engagementbridge.observability.Metrics.ENGAGEMENT_CALLS, empty));
        var limited = new LinkedHashMap<String, long[]>();
        window.counts().forEach((name, counts) -> {
            if (name.startsWith(io.engagementbridge.observability.Metrics.ZENDESK_429_PREFIX)) {
                limited.put(name.substring(io.engagementbridge.observability.Metrics.ZENDESK_429_PREFIX.length()), counts);
            }
        });
        view.put("rate_limited", limited);
        return view;
    }
}
