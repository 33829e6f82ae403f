package io.engagementbridge.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.WriteSide;
import io.engagementbridge.access.ZendeskJwt;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.AuthType;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionDefinition;
import io.engagementbridge.connection.Connections;
import io.engagementbridge.priority.ProvisionConnection;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.connection.ZendeskSecrets;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.settings.InvalidSettingsException;
import io.engagementbridge.settings.SettingsParser;
import io.engagementbridge.sidebar.AgentContext;
import io.engagementbridge.sidebar.Messages;
import io.engagementbridge.sidebar.SecureHeaders;
import io.engagementbridge.sidebar.Templates;
import io.engagementbridge.web.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * "Connect Zendesk" in the app's admin view: Zendesk's OAuth authorization-code flow for the
 * installation the ZAF JWT proves. The iframe asks for an authorize URL (the Engagement side comes
 * from the installation's settings and key pair, kept sealed with a single-use state), the admin
 * approves in Zendesk, and the callback trades the code for tokens and stores the connection.
 */
public final class ConnectController {
    public static final String CONNECT = "/v1/app/connect";
    public static final String STATUS = "/v1/app/connection";
    public static final String DISCONNECT = "/v1/app/disconnect";
    public static final String CALLBACK = "/v1/oauth/zendesk/callback";

    private final AppCaller caller;
    private final ZendeskOAuthConfig oauth;
    private final HostPolicy zendeskHosts;
    private final SettingsParser parser;
    private final Connections connections;
    private final OAuthStates states;
    private final ZendeskTokens tokens;
    private final ObjectMapper mapper;
    private final Templates templates = new Templates();
    private final Clock clock;
    private final WorkRepository work;
    private final String redirectUri;

    public ConnectController(WriteSide writeSide, Connections connections, BridgeConfig config, OkHttpClient http, ObjectMapper mapper,
                             Clock clock, String publicUrl) {
        this.caller = new AppCaller(new ZendeskJwt(config.callers(), clock), mapper);
        this.oauth = writeSide.config().oauth();
        this.zendeskHosts = writeSide.config().zendeskHosts();
        this.parser = new SettingsParser(config.hostPolicy(), mapper);
        this.connections = connections;
        this.states = new OAuthStates(writeSide.database(), writeSide.secretBox(), mapper, clock);
        this.tokens = new ZendeskTokens(http, mapper, oauth);
        this.mapper = mapper;
        this.clock = clock;
        this.work = writeSide.work();
        this.redirectUri = publicUrl.replaceAll("/+$", "") + CALLBACK;
    }

    public void register(RoutesConfig routes) {
        routes.post(CONNECT, this::connect);
        routes.post(STATUS, this::status);
        routes.post(DISCONNECT, this::disconnect);
        routes.get(CALLBACK, this::callback);
        routes.exception(ConnectFailure.class, this::failurePage);
    }

    /** POST /v1/app/connect: a fresh authorize URL for this installation's admin to open. */
    public void connect(Context ctx) {
        var installation = installation(ctx);
        var body = adminBody(ctx);
        if (!oauth.configured()) {
            throw new ApiException(409, "the operator has not configured an OAuth client: set BRIDGE_ZENDESK_CLIENT_ID and "
                    + "BRIDGE_ZENDESK_CLIENT_SECRET on the backend");
        }
        var zendesk = zendeskUrl(installation);
        var settings = engagementSettings(ctx, body.path("settings"));
        var credentials = SecureHeaders.credentials(ctx::header);
        var agent = AgentContext.from(body.get("agent"));
        var state = states.create(new PendingConnection(installation.key(), installation.subdomain(), origin(zendesk),
                "Zendesk " + installation.subdomain() + " (connected in the app)", settings.baseUrl().toString().replaceAll("/+$", ""),
                settings.projectToken(), credentials.keyId(), credentials.secret(), agent.locale().toLanguageTag()));
        var authorize = zendesk.newBuilder().encodedPath("/oauth/authorizations/new")
                .addQueryParameter("response_type", "code")
                .addQueryParameter("client_id", oauth.clientId())
                .addQueryParameter("redirect_uri", redirectUri)
                .addQueryParameter("scope", ZendeskTokens.SCOPE)
                .addQueryParameter("state", state)
                .build();
        ctx.json(Map.of("authorize_url", authorize.toString()));
    }

    /** POST /v1/app/connection: whether this installation is connected, and to what; never a secret. */
    public void status(Context ctx) {
        var installation = installation(ctx);
        adminBody(ctx);
        var view = new LinkedHashMap<String, Object>();
        view.put("oauth_configured", oauth.configured());
        var connection = connections.repository().findByInstallation(installation.key());
        view.put("connected", connection.isPresent());
        connection.ifPresent(c -> {
            view.put("connection", describe(c));
            view.put("disconnecting", DisconnectConnection.underWay(work, c.id()));
        });
        ctx.json(view);
    }

    /**
     * POST /v1/app/disconnect: queues the durable disconnect (what the bridge created in Zendesk removed, the token
     * revoked, then the connection and its secrets deleted), as the admin page does; waiting provisioning is superseded.
     */
    public void disconnect(Context ctx) {
        var installation = installation(ctx);
        adminBody(ctx);
        var connection = connections.repository().findByInstallation(installation.key());
        var view = new LinkedHashMap<String, Object>();
        view.put("connected", connection.isPresent());
        view.put("disconnecting", connection.isPresent());
        connection.ifPresent(c -> DisconnectConnection.queue(work, c.id(), clock.instant()));
        ctx.json(view);
    }

    /** GET /v1/oauth/zendesk/callback: where Zendesk sends the admin's browser after Allow or Deny. */
    public void callback(Context ctx) {
        var browserLocale = browserLocale(ctx);
        var error = ctx.queryParam("error");
        if (error != null) {
            states.consume(ctx.queryParam("state"));
            throw new ConnectFailure(error.equals("access_denied") ? ConnectFailure.Kind.DENIED : ConnectFailure.Kind.REFUSED,
                    error.matches("[a-z_]{1,40}") ? error : "error", browserLocale);
        }
        var pending = states.consume(ctx.queryParam("state"))
                .orElseThrow(() -> new ConnectFailure(ConnectFailure.Kind.EXPIRED, null, browserLocale));
        var locale = Locale.forLanguageTag(pending.locale());
        var code = ctx.queryParam("code");
        if (code == null || code.isBlank() || code.length() > 2000) {
            throw new ConnectFailure(ConnectFailure.Kind.REFUSED, "no code", locale);
        }
        var grant = tokens.exchange(HttpUrl.get(pending.zendeskUrl()), code, redirectUri, locale);
        var expiresAt = grant.expiresInSeconds() > 0 ? clock.instant().getEpochSecond() + grant.expiresInSeconds() : 0;
        // The operator's client secret stays in configuration (so it can be rotated); the connection keeps only its id.
        var zendesk = new ZendeskSecrets(oauth.clientId(), null, grant.accessToken(), grant.refreshToken(), expiresAt, null, null);
        var connectionId = connections.connectInstallation(new ConnectionDefinition(pending.name(), pending.zendeskUrl(), AuthType.OAUTH_AUTHORIZATION_CODE, zendesk,
                pending.engagementBaseUrl(), pending.engagementProjectToken(), pending.engagementKeyId(), pending.engagementKeySecret(),
                JsonNodeFactory.instance.objectNode()), pending.installationKey());
        // Reconnecting provisions again: idempotent, and it repairs whatever an admin deleted meanwhile.
        work.enqueue(ProvisionConnection.work(connectionId, "connect-" + clock.millis()), clock.instant());
        var messages = new Messages(locale);
        ctx.html(templates.render("oauth/page.jte", new ConnectPage(lang(locale), "connected", messages.get("connect.connected.heading"),
                messages.get("connect.connected.body", pending.zendeskUrl()))));
    }

    void failurePage(ConnectFailure failure, Context ctx) {
        var messages = new Messages(failure.locale());
        var kind = failure.kind().name().toLowerCase(Locale.ROOT);
        ctx.status(switch (failure.kind()) {
            case EXPIRED -> 400;
            case DENIED -> 200;
            case REFUSED, UNREACHABLE -> 502;
        });
        ctx.html(templates.render("oauth/page.jte", new ConnectPage(lang(failure.locale()), kind, messages.get("connect." + kind + ".heading"),
                messages.get("connect." + kind + ".body", failure.detail()))));
    }

    private Installation installation(Context ctx) {
        return caller.installation(ctx);
    }

    private JsonNode adminBody(Context ctx) {
        return caller.adminBody(ctx, "Only Zendesk admins can connect or disconnect Zendesk");
    }

    private io.engagementbridge.settings.ConnectionSettings engagementSettings(Context ctx, JsonNode settings) {
        try {
            return parser.connection(settings, SecureHeaders.problems(ctx::header));
        } catch (InvalidSettingsException e) {
            // This JSON API answers in JSON; the global handler would render a sidebar fragment.
            throw new ApiException(422, "Fix these app settings first: " + e.problems().stream()
                    .map(p -> p.setting() + ": " + p.message()).collect(Collectors.joining(" ")));
        }
    }

    private HttpUrl zendeskUrl(Installation installation) {
        var url = oauth.zendeskUrl(installation.subdomain());
        var rejection = zendeskHosts.rejection(url);
        if (rejection.isPresent()) {
            throw new ApiException(409, "The Zendesk URL " + origin(url) + " " + rejection.get()
                    + ": the operator's BRIDGE_ZENDESK_URL_TEMPLATE and BRIDGE_ZENDESK_HOSTS disagree");
        }
        return url;
    }

    private Map<String, Object> describe(Connection c) {
        return describe(connections, c);
    }

    /** What the app may show of a connection (Connect Zendesk, the admin page): never a secret, only when its token expires. */
    public static Map<String, Object> describe(Connections connections, Connection c) {
        var expiresAt = connections.repository().secrets(c.id()).map(v -> v.secrets().zendesk().expiresAt()).orElse(0L);
        var view = new LinkedHashMap<String, Object>();
        view.put("id", c.id());
        view.put("zendesk_url", c.zendeskUrl());
        view.put("auth_type", c.authType().wire());
        view.put("token_expires_at", expiresAt == 0 ? null : Instant.ofEpochSecond(expiresAt).toString());
        view.put("engagement_base_url", c.engagementBaseUrl());
        view.put("webhook_url", connections.webhookUrl(c.id()));
        view.put("connected_at", c.createdAt().toString());
        return view;
    }

    private static String origin(HttpUrl url) {
        return url.scheme() + "://" + url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
    }

    private static Locale browserLocale(Context ctx) {
        var header = ctx.header("Accept-Language");
        try {
            var ranges = header == null ? java.util.List.<Locale.LanguageRange>of() : Locale.LanguageRange.parse(header);
            return ranges.isEmpty() || ranges.get(0).getRange().equals("*") ? Locale.US : Locale.forLanguageTag(ranges.get(0).getRange());
        } catch (IllegalArgumentException e) {
            return Locale.US;
        }
    }

    private static String lang(Locale locale) {
        return locale.getLanguage().isEmpty() ? "en" : locale.toLanguageTag();
    }
}
