package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import okhttp3.HttpUrl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Zendesk's OAuth provider and API-token check: the consent page, authorization codes, access tokens
 * with an expiry, refresh tokens that rotate (each is single use), client credentials, and the 401
 * answers Zendesk gives when a request cannot be authenticated.
 */
final class OAuthServer {
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(2);
    private static final long MIN_EXPIRES_IN = 300;
    private static final long MAX_EXPIRES_IN = 172_800;
    private static final String INVALID_GRANT = "The provided authorization grant is invalid, expired, or revoked, does not match "
            + "the redirection URI used in the authorization request, or was issued to another client.";

    private record Grant(String clientId, String scope, String redirectUri, Instant expiresAt) {
    }

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Supplier<SimulatorLimits> limits;
    private final SecureRandom random = new SecureRandom();
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Map<String, OAuthClient> clients = new ConcurrentHashMap<>();
    private final Map<String, String> apiTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();

    OAuthServer(ObjectMapper mapper, Clock clock, Supplier<SimulatorLimits> limits) {
        this.mapper = mapper;
        this.clock = clock;
        this.limits = limits;
    }

    void register(OAuthClient client) {
        clients.put(client.identifier(), client);
    }

    void registerApiToken(String email, String token) {
        apiTokens.put(token, email.toLowerCase());
    }

    /** Every access and refresh token stops working at once (the account owner revoked them). */
    void revokeAll() {
        accessTokens.clear();
        refreshTokens.clear();
        codes.clear();
    }

    int activeAccessTokens() {
        var now = clock.instant();
        return (int) accessTokens.values().stream().filter(grant -> grant.expiresAt().isAfter(now)).count();
    }

    /** GET /oauth/authorizations/new: the consent page with an Allow button. */
    void authorizePage(Context ctx) {
        var client = checkedClient(ctx.queryParam("client_id"), ctx.queryParam("redirect_uri"));
        if (!"code".equals(ctx.queryParam("response_type"))) {
            throw new ApiError(400, "Invalid OAuth request: response_type must be 'code'");
        }
        var page = new AuthorizePage(client.name(), client.identifier(), ctx.queryParam("redirect_uri"),
                valueOrEmpty(ctx.queryParam("state")), scopeOrDefault(ctx.queryParam("scope")));
        var output = new StringOutput();
        templates.render("zendeskapi/authorize.jte", page, output);
        ctx.contentType("text/html; charset=utf-8").result(output.toString());
    }

    /** POST /oauth/authorizations: the consent form's answer; redirects back with a code (or access_denied). */
    void authorize(Context ctx) {
        var clientId = ctx.formParam("client_id");
        var redirectUri = ctx.formParam("redirect_uri");
        checkedClient(clientId, redirectUri);
        var target = HttpUrl.get(redirectUri).newBuilder();
        if ("allow".equals(ctx.formParam("decision"))) {
            var code = newSecret();
            codes.put(code, new Grant(clientId, scopeOrDefault(ctx.formParam("scope")), redirectUri, clock.instant().plus(CODE_LIFETIME)));
            target.addQueryParameter("code", code);
        } else {
            target.addQueryParameter("error", "access_denied")
                    .addQueryParameter("error_description", "The resource owner or authorization server denied the request.");
        }
        var state = ctx.formParam("state");
        if (state != null && !state.isEmpty()) {
            target.addQueryParameter("state", state);
        }
        ctx.redirect(target.build().toString(), HttpStatus.FOUND);
    }

    /** POST /oauth/tokens: authorization_code, refresh_token (rotating) and client_credentials grants. */
    void tokens(Context ctx) {
        var params = tokenParams(ctx);
        var client = authenticatedClient(ctx, params);
        var expiresIn = expiresIn(params.get("expires_in"));
        var now = clock.instant();
        switch (params.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                var grant = codes.remove(params.getOrDefault("code", ""));
                if (grant == null || !grant.clientId().equals(client.identifier()) || grant.expiresAt().isBefore(now)
                        || !grant.redirectUri().equals(params.get("redirect_uri"))) {
                    throw oauthError(400, "invalid_grant", INVALID_GRANT);
                }
                answerTokens(ctx, client, grant.scope(), expiresIn, true);
            }
            case "refresh_token" -> {
                // Rotation: the presented refresh token is spent whatever happens next.
                var grant = refreshTokens.remove(params.getOrDefault("refresh_token", ""));
                if (grant == null || !grant.clientId().equals(client.identifier()) || grant.expiresAt().isBefore(now)) {
                    throw oauthError(400, "invalid_grant", INVALID_GRANT);
                }
                answerTokens(ctx, client, grant.scope(), expiresIn, true);
            }
            case "client_credentials" -> answerTokens(ctx, client, scopeOrDefault(params.get("scope")), expiresIn, false);
            default -> throw oauthError(400, "unsupported_grant_type",
                    "The authorization grant type is not supported by the authorization server.");
        }
    }

    /** The caller behind an Authorization header, or a 401 in Zendesk's words. */
    Caller authenticate(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var grant = accessTokens.get(authorization.substring(7).trim());
            if (grant == null || !grant.expiresAt().isAfter(clock.instant())) {
                throw new ApiError(401, Map.of("error", "invalid_token", "error_description",
                        "The access token provided is expired, revoked, malformed or invalid for other reasons."),
                        Map.of("WWW-Authenticate", "Bearer realm=\"Web\", error=\"invalid_token\""));
            }
            return new Caller("oauth", grant.clientId(), scopes(grant.scope()));
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            var credentials = decodeBasic(authorization.substring(6).trim());
            var separator = credentials.indexOf("/token:");
            if (separator > 0) {
                var email = credentials.substring(0, separator).toLowerCase();
                var token = credentials.substring(separator + "/token:".length());
                var owner = apiTokens.entrySet().stream().filter(entry -> constantTimeEquals(entry.getKey(), token))
                        .map(Map.Entry::getValue).findFirst();
                if (owner.isPresent() && owner.get().equals(email)) {
                    return new Caller("api_token", email, Set.of("read", "write"));
                }
            }
        }
        throw new ApiError(401, Map.of("error", "Couldn't authenticate you"));
    }

    private void answerTokens(Context ctx, OAuthClient client, String scope, long expiresIn, boolean withRefresh) {
        var now = clock.instant();
        var access = newSecret();
        accessTokens.put(access, new Grant(client.identifier(), scope, null, now.plusSeconds(expiresIn)));
        var body = new LinkedHashMap<String, Object>();
        body.put("access_token", access);
        body.put("token_type", "bearer");
        body.put("scope", scope);
        body.put("expires_in", expiresIn);
        if (withRefresh) {
            var refresh = newSecret();
            var refreshLifetime = limits.get().refreshTokenLifetime();
            refreshTokens.put(refresh, new Grant(client.identifier(), scope, null, now.plus(refreshLifetime)));
            body.put("refresh_token", refresh);
            body.put("refresh_token_expires_in", refreshLifetime.toSeconds());
        }
        ctx.status(200).contentType("application/json; charset=utf-8").header("Cache-Control", "no-store").result(write(body));
    }

    private long expiresIn(String requested) {
        if (requested == null || requested.isBlank()) {
            return limits.get().accessTokenLifetime().toSeconds();
        }
        try {
            var seconds = Long.parseLong(requested.trim());
            if (seconds >= MIN_EXPIRES_IN && seconds <= MAX_EXPIRES_IN) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw oauthError(400, "invalid_request", "expires_in must be a whole number of seconds from 300 to 172800.");
    }

    private OAuthClient authenticatedClient(Context ctx, Map<String, String> params) {
        var id = params.get("client_id");
        var secret = params.get("client_secret");
        var header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            var credentials = decodeBasic(header.substring(6).trim());
            var colon = credentials.indexOf(':');
            if (colon > 0) {
                id = credentials.substring(0, colon);
                secret = credentials.substring(colon + 1);
            }
        }
        var client = id == null ? null : clients.get(id);
        if (client == null || secret == null || !constantTimeEquals(client.secret(), secret)) {
            throw oauthError(401, "invalid_client",
                    "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
        }
        return client;
    }

    private Map<String, String> tokenParams(Context ctx) {
        var params = new LinkedHashMap<String, String>();
        var contentType = String.valueOf(ctx.contentType());
        if (contentType.startsWith("application/json")) {
            JsonNode body;
            try {
                body = mapper.readTree(ctx.body());
            } catch (Exception e) {
                throw oauthError(400, "invalid_request", "The request body is not valid JSON.");
            }
            if (body == null || !body.isObject()) {
                throw oauthError(400, "invalid_request", "The request body must be a JSON object.");
            }
            body.properties().forEach(entry -> params.put(entry.getKey(), entry.getValue().isValueNode() ? entry.getValue().asText() : null));
        } else {
            ctx.formParamMap().forEach((key, values) -> params.put(key, values.isEmpty() ? null : values.get(0)));
        }
        return params;
    }

    private OAuthClient checkedClient(String clientId, String redirectUri) {
        var client = clientId == null ? null : clients.get(clientId);
        if (client == null) {
            throw new ApiError(400, "Invalid OAuth request: unknown client_id.");
        }
        if (redirectUri == null || !client.redirectUris().contains(redirectUri) || HttpUrl.parse(redirectUri) == null) {
            throw new ApiError(400, "Invalid OAuth request: redirect_uri is not registered for this client.");
        }
        return client;
    }

    private ApiError oauthError(int status, String error, String description) {
        return new ApiError(status, Map.of("error", error, "error_description", description));
    }

    private String write(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String newSecret() {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String scopeOrDefault(String scope) {
        return scope == null || scope.isBlank() ? "read write" : scope.trim();
    }

    private static Set<String> scopes(String scope) {
        return new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    }

    private static String valueOrEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String decodeBasic(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
