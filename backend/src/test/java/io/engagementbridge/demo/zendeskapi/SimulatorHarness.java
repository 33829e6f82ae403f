package io.engagementbridge.demo.zendeskapi;

import io.engagementbridge.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.App;
import io.javalin.Javalin;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** A started simulator on loopback with a hand-driven clock, an API token and an OAuth client, plus an HTTP client for it. */
final class SimulatorHarness implements AutoCloseable {
    static final String AGENT_EMAIL = "integration@example.com";
    static final String API_TOKEN = "sim-api-token-for-tests-7c1d";
    static final String CLIENT_ID = "engagement_bridge_test";
    static final String CLIENT_SECRET = "sim-oauth-client-secret-for-tests-91ab";
    static final String REDIRECT_URI = "http://127.0.0.1:9/oauth/callback";
    static final Instant START = Instant.parse("2026-12-01T10:00:05Z");
    private static final MediaType JSON = MediaType.get("application/json");

    final ObjectMapper mapper = App.mapper();
    final ManualClock clock = new ManualClock(START);
    final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).callTimeout(Duration.ofSeconds(10)).build();
    final ZendeskApiSimulator simulator;
    private final Javalin server;
    final String base;

    record Reply(int code, Headers headers, String body, ObjectMapper mapper) {
        JsonNode json() {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    SimulatorHarness() {
        this(SimulatorLimits.defaults().withJobTimings(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    SimulatorHarness(SimulatorLimits limits) {
        simulator = new ZendeskApiSimulator(mapper, clock, http, limits);
        simulator.registerApiToken(AGENT_EMAIL, API_TOKEN);
        simulator.registerOAuthClient(new OAuthClient(CLIENT_ID, CLIENT_SECRET, "Engagement Bridge", List.of(REDIRECT_URI)));
        server = simulator.app().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    static String apiToken() {
        return "Basic " + Base64.getEncoder().encodeToString((AGENT_EMAIL + "/token:" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    Reply get(String path) {
        return send("GET", path, null, apiToken());
    }

    Reply post(String path, String json) {
        return send("POST", path, json, apiToken());
    }

    Reply put(String path, String json) {
        return send("PUT", path, json, apiToken());
    }

    Reply delete(String path) {
        return send("DELETE", path, null, apiToken());
    }

    Reply send(String method, String path, String json, String authorization) {
        var body = json == null ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create(new byte[0], JSON))
                : RequestBody.create(json, JSON);
        var request = new Request.Builder().url(base + path).method(method, body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return execute(request.build());
    }

    Reply execute(Request request) {
        try (var response = http.newCall(request).execute()) {
            return new Reply(response.code(), response.headers(), response.body().string(), mapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a user field through the API, as an admin would. */
    JsonNode createUserField(String json) {
        var reply = post("/api/v2/user_fields.json", "{\"user_field\":" + json + "}");
        if (reply.code() != 201) {
            throw new AssertionError("user field not created: " + reply.code() + " " + reply.body());
        }
        return reply.json().get("user_field");
    }

    @Override
    public void close() {
        server.stop();
        simulator.close();
    }
}
