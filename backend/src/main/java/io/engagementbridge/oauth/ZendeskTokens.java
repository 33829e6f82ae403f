package io.engagementbridge.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.config.ZendeskOAuthConfig;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;

/** Zendesk's OAuth token endpoints, for the operator's client: trade an authorization code, revoke a token. */
final class ZendeskTokens {
    private static final Logger LOG = LoggerFactory.getLogger(ZendeskTokens.class);
    private static final MediaType JSON = MediaType.get("application/json");
    static final String SCOPE = "read write";

    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final ZendeskOAuthConfig oauth;

    ZendeskTokens(OkHttpClient http, ObjectMapper mapper, ZendeskOAuthConfig oauth) {
        this.http = http;
        this.mapper = mapper;
        this.oauth = oauth;
    }

    /** POST /oauth/tokens with grant_type=authorization_code; a {@link ConnectFailure} when Zendesk says no or cannot be reached. */
    TokenGrant exchange(HttpUrl zendesk, String code, String redirectUri, Locale locale) {
        var body = new LinkedHashMap<String, String>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("client_id", oauth.clientId());
        body.put("client_secret", oauth.clientSecret());
        body.put("redirect_uri", redirectUri);
        body.put("scope", SCOPE);
        var request = new Request.Builder().url(zendesk.resolve("/oauth/tokens"))
                .post(RequestBody.create(mapper.valueToTree(body).toString(), JSON)).build();
        try (var response = http.newCall(request).execute()) {
            var text = response.body().string();
            if (!response.isSuccessful()) {
                var error = errorCode(text);
                LOG.warn("Zendesk refused the authorization code at {}: {} {}", zendesk, response.code(), error);
                throw new ConnectFailure(ConnectFailure.Kind.REFUSED, error == null ? "HTTP " + response.code() : error, locale);
            }
            var json = mapper.readTree(text);
            var access = json.path("access_token").asText("");
            if (access.isBlank()) {
                LOG.warn("Zendesk's token answer at {} holds no access_token", zendesk);
                throw new ConnectFailure(ConnectFailure.Kind.REFUSED, "no access_token", locale);
            }
            var refresh = json.path("refresh_token").isTextual() ? json.get("refresh_token").asText() : null;
            return new TokenGrant(access, refresh, json.path("expires_in").asLong(0), json.path("scope").asText(SCOPE));
        } catch (IOException e) {
            LOG.warn("Zendesk at {} could not be reached to trade the authorization code: {}", zendesk, e.getClass().getSimpleName());
            throw new ConnectFailure(ConnectFailure.Kind.UNREACHABLE, null, locale);
        }
    }

    /** Best effort: asks Zendesk to revoke the access token (DELETE /api/v2/oauth/tokens/current.json); false when it could not. */
    boolean revoke(HttpUrl zendesk, String accessToken) {
        var request = new Request.Builder().url(zendesk.resolve("/api/v2/oauth/tokens/current.json"))
                .header("Authorization", "Bearer " + accessToken).delete().build();
        try (var response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                LOG.info("Zendesk at {} did not revoke the disconnected token: HTTP {}", zendesk, response.code());
            }
            return response.isSuccessful();
        } catch (IOException e) {
            LOG.info("Zendesk at {} could not be reached to revoke the disconnected token: {}", zendesk, e.getClass().getSimpleName());
            return false;
        }
    }

    /** The OAuth error code of a refusal ({@code invalid_grant}, …), only if it looks like one: it ends up on a page. */
    private String errorCode(String body) {
        try {
            JsonNode json = mapper.readTree(body);
            var error = json == null ? "" : json.path("error").asText("");
            return error.matches("[a-z_]{1,40}") ? error : null;
        } catch (IOException e) {
            return null;
        }
    }
}
