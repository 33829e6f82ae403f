package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.ConnectionDefinition;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.logging.FailureLog;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Braze's {@code POST {rest endpoint}/users/track} for events: one attempt per call, blocking, every answer turned into
 * data (which events Braze refused and why, or why the whole call failed). Braze's REST endpoints are HTTPS hosts under
 * {@code braze.com} or {@code braze.eu}; plain HTTP to loopback only where the backend allows it (demo and tests).
 */
public final class BrazeTracking {
    public static final int MAX_EVENTS = 75;
    private static final Duration LONGEST_RESET = Duration.ofMinutes(5);
    private static final long MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final FailureLog FAILURES = FailureLog.of(BrazeTracking.class);

    private final OkHttpClient http;
    private final HostPolicy policy;
    private final ObjectMapper mapper;
    private final Clock clock;

    /** {@code allowHttpLoopback}: as the backend's own host policy (demo and tests only). */
    public BrazeTracking(OkHttpClient http, boolean allowHttpLoopback, ObjectMapper mapper, Clock clock) {
        this.http = http;
        this.policy = policy(allowHttpLoopback);
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Which Braze REST endpoints a connection may name. */
    public static HostPolicy policy(boolean allowHttpLoopback) {
        return new HostPolicy(ConnectionDefinition.BRAZE_HOSTS, allowHttpLoopback);
    }

    /** How a call ended. */
    public sealed interface TrackReply {
    }

    /** Braze took the request; {@code refused} maps an event's index to Braze's reason for not taking that one. */
    public record Tracked(Map<Integer, String> refused) implements TrackReply {
    }

    public enum FailureKind { RATE_LIMITED, SERVER_ERROR, TRANSPORT, REFUSED, NOT_ALLOWED }

    public record Failed(FailureKind kind, int status, Optional<Duration> retryAfter, String reason) implements TrackReply {
    }

    public TrackReply track(String endpoint, String apiKey, List<JsonNode> events) {
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("a request holds 1 to " + MAX_EVENTS + " events, was " + events.size());
        }
        var base = HttpUrl.parse(endpoint);
        if (base == null) {
            return new Failed(FailureKind.NOT_ALLOWED, 0, Optional.empty(), "the connection's Braze REST endpoint is not a URL");
        }
        var url = base.newBuilder().addPathSegments("users/track").build();
        var rejection = policy.rejection(url);
        if (rejection.isPresent()) {
            return new Failed(FailureKind.NOT_ALLOWED, 0, Optional.empty(), "the Braze REST endpoint " + rejection.get()
                    + " (Braze's endpoints are https://rest.<instance>.braze.com or .braze.eu)");
        }
        var body = mapper.createObjectNode();
        body.putArray("events").addAll(events);
        var request = new Request.Builder().url(url)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        TrackReply reply;
        try (var response = http.newCall(request).execute()) {
            var source = response.body().source();
            var tooLarge = source.request(MAX_RESPONSE_BYTES + 1);
            var text = tooLarge ? "" : source.getBuffer().readUtf8();
            reply = interpret(response.code(), text, response.header("X-RateLimit-Reset"));
        } catch (IOException e) {
            reply = new Failed(FailureKind.TRANSPORT, 0, Optional.empty(), e instanceof InterruptedIOException
                    ? "Braze did not answer in time" : "Braze could not be reached (" + e.getClass().getSimpleName() + ")");
        }
        if (reply instanceof Failed failed) {
            FAILURES.expected(url.host(), failed.kind().name().toLowerCase(Locale.ROOT),
                    (failed.status() == 0 ? "" : "status " + failed.status() + ": ") + failed.reason());
        }
        return reply;
    }

    private TrackReply interpret(int status, String text, String rateLimitReset) {
        if (status == 429) {
            return new Failed(FailureKind.RATE_LIMITED, status, reset(rateLimitReset), "Braze's rate limit for /users/track");
        }
        if (status >= 500) {
            return new Failed(FailureKind.SERVER_ERROR, status, Optional.empty(), "Braze failed with " + status);
        }
        var json = parse(text);
        var message = json == null ? "" : json.path("message").asText("");
        if (status == 401 || status == 403) {
            return new Failed(FailureKind.REFUSED, status, Optional.empty(), "Braze refused the connection's API key"
                    + (message.isEmpty() ? "" : " (" + abbreviate(message) + ")") + ": give a REST API key with the users.track permission");
        }
        if (status < 200 || status > 299) {
            return new Failed(FailureKind.REFUSED, status, Optional.empty(), "Braze refused the request with " + status
                    + (message.isEmpty() ? "" : " (" + abbreviate(message) + ")"));
        }
        var refused = new HashMap<Integer, String>();
        if (json != null) {
            for (var error : json.path("errors")) {
                if (error.path("index").canConvertToInt() && "events".equals(error.path("input_array").asText("events"))) {
                    refused.put(error.path("index").asInt(), abbreviate(error.path("type").asText("no reason given")));
                }
            }
        }
        return new Tracked(Map.copyOf(refused));
    }

    /** {@code X-RateLimit-Reset} is the epoch second when Braze's window resets. */
    private Optional<Duration> reset(String header) {
        if (header == null || !header.trim().matches("\\d{1,12}")) {
            return Optional.empty();
        }
        var wait = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(header.trim())));
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_RESET) > 0 ? LONGEST_RESET : wait);
    }

    private JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
