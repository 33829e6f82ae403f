package io.engagementbridge.demo.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays Zendesk's request proxy for client.request(): for secure requests to a whitelisted host it
 * fills {{setting.NAME}} placeholders server-side, each secure setting only where its manifest scopes
 * allow, optionally signs a JWT, forwards the call and returns the upstream's answer.
 */
final class SecureProxy {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{setting\\.([A-Za-z0-9_]+)}}");
    private static final Set<String> DROPPED_HEADERS = Set.of("host", "content-length", "cookie", "connection", "transfer-encoding");

    private final AppManifest manifest;
    private final SimulatedInstallation installation;
    private final List<String> whitelist;
    private final OkHttpClient http;
    private final ProxyJwt jwt;

    SecureProxy(AppManifest manifest, SimulatedInstallation installation, List<String> whitelist, OkHttpClient http, ProxyJwt jwt) {
        this.manifest = manifest;
        this.installation = installation;
        this.whitelist = whitelist;
        this.http = http;
        this.jwt = jwt;
    }

    ProxyResult forward(JsonNode options) {
        var secure = options.path("secure").asBoolean(false);
        var url = HttpUrl.parse(substitute(options.path("url").asText(""), "url", secure));
        if (url == null) {
            return new ProxyResult(400, "Bad Request", "text/plain", "not a proxyable URI");
        }
        if (secure && !whitelist.contains(url.host())) {
            return new ProxyResult(403, "Forbidden", "text/plain", "domain " + url.host() + " is not in the app's domainWhitelist");
        }
        var token = secure && options.has("jwt") ? jwt.sign(options.get("jwt"), this::substitute) : null;
        var headers = new Headers.Builder();
        options.path("headers").fields().forEachRemaining(h -> {
            if (!DROPPED_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), withJwt(substitute(h.getValue().asText(), "header", secure), token));
            }
        });
        var method = options.path("type").asText("GET").toUpperCase(Locale.ROOT);
        var request = new Request.Builder().url(url).headers(headers.build()).method(method, body(options, method, secure, token)).build();
        try (var response = http.newCall(request).execute()) {
            var contentType = response.header("Content-Type", "text/plain");
            return new ProxyResult(response.code(), response.message(), contentType, response.body().string());
        } catch (IOException e) {
            return new ProxyResult(502, "Bad Gateway", "text/plain", "the app's server could not be reached");
        }
    }

    private RequestBody body(JsonNode options, String method, boolean secure, String token) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return null;
        }
        var data = options.path("data");
        var text = data.isTextual() ? data.asText() : data.isMissingNode() || data.isNull() ? "" : data.toString();
        var contentType = options.path("contentType").asText("application/x-www-form-urlencoded; charset=UTF-8");
        return RequestBody.create(withJwt(substitute(text, "body", secure), token), MediaType.parse(contentType));
    }

    /** Replaces {{setting.NAME}} where Zendesk would: only in secure requests, secure values only within their scopes. */
    String substitute(String text, String scope, boolean secure) {
        if (!secure) {
            return text;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            var name = matcher.group(1);
            var value = installation.settings().get(name);
            var allowed = value != null && (!manifest.isSecure(name) || manifest.secureScopes().get(name).contains(scope));
            matcher.appendReplacement(out, Matcher.quoteReplacement(allowed ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String withJwt(String text, String token) {
        return token == null ? text : text.replace("{{jwt.token}}", token);
    }
}
