package io.engagementbridge.demo.braze;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Braze's REST API as far as the relay uses it: {@code POST /users/track} with {@code events} only. Bearer REST API key;
 * at most 75 events a request; each event names its user by {@code external_id} or {@code email} and has a {@code name}
 * and an ISO 8601 {@code time}, or is refused by index in the answer's {@code errors} (the rest are stored: Braze's
 * partial success); a rate limit per window answered 429 with {@code X-RateLimit-Reset} (epoch seconds); and, on demand,
 * some requests failing with 5xx. Like Braze, it does not deduplicate: an event sent twice is stored twice.
 */
public final class BrazeSimulator {
    public static final int MAX_EVENTS = 75;
    private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {
    };

    private final String apiKey;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Javalin app;
    private final List<BrazeEvent> events = new ArrayList<>();
    private final List<Integer> requestSizes = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private int limit = 3_000;
    private Duration window = Duration.ofSeconds(3);
    private Instant windowStart = Instant.EPOCH;
    private int usedInWindow;

    public BrazeSimulator(String apiKey, Clock clock) {
        this.apiKey = apiKey;
        this.clock = clock;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/users/track", this::track);
        });
    }

    /** The (not yet started) server. */
    public Javalin app() {
        return app;
    }

    /** Braze's limit for {@code /users/track}: {@code requests} per {@code window} (3,000 per 3 s by default). */
    public synchronized void setRateLimit(int requests, Duration window) {
        this.limit = requests;
        this.window = window;
    }

    /** The next {@code count} requests get a 503, as Braze under trouble would answer. */
    public void failNext(int count) {
        failNext.set(count);
    }

    public synchronized List<BrazeEvent> events() {
        return List.copyOf(events);
    }

    /** How many events each request it stored from held, in order. */
    public synchronized List<Integer> requestSizes() {
        return List.copyOf(requestSizes);
    }

    /** Requests to {@code /users/track}, refused ones included. */
    public int requests() {
        return requests.get();
    }

    /** Requests answered 429. */
    public int rateLimited() {
        return rateLimited.get();
    }

    private void track(Context ctx) {
        requests.incrementAndGet();
        var authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.equals("Bearer " + apiKey)) {
            reply(ctx, 401, mapper.createObjectNode().put("message", "Invalid API key"));
            return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(ctx, 503, mapper.createObjectNode().put("message", "Service Unavailable"));
            return;
        }
        var reset = admit();
        if (reset.isPresent()) {
            rateLimited.incrementAndGet();
            ctx.header("X-RateLimit-Limit", Integer.toString(limit)).header("X-RateLimit-Remaining", "0")
                    .header("X-RateLimit-Reset", Long.toString(reset.get().getEpochSecond()));
            reply(ctx, 429, mapper.createObjectNode().put("message", "Too Many Requests"));
            return;
        }
        JsonNode body;
        try {
            body = mapper.readTree(ctx.body());
        } catch (Exception e) {
            reply(ctx, 400, mapper.createObjectNode().put("message", "Invalid JSON"));
            return;
        }
        var incoming = body == null ? null : body.path("events");
        if (incoming == null || !incoming.isArray()) {
            reply(ctx, 400, mapper.createObjectNode().put("message", "Missing events, attributes or purchases"));
            return;
        }
        if (incoming.size() > MAX_EVENTS) {
            reply(ctx, 400, mapper.createObjectNode().put("message", "Too many events: at most " + MAX_EVENTS + " per request"));
            return;
        }
        var answer = mapper.createObjectNode().put("message", "success");
        var errors = answer.putArray("errors");
        int processed = 0;
        for (int i = 0; i < incoming.size(); i++) {
            var problem = problem(incoming.get(i));
            if (problem.isPresent()) {
                errors.addObject().put("type", problem.get()).put("input_array", "events").put("index", i);
                continue;
            }
            store(incoming.get(i));
            processed++;
        }
        answer.put("events_processed", processed);
        synchronized (this) {
            requestSizes.add(incoming.size());
        }
        if (errors.isEmpty()) {
            answer.remove("errors");
        }
        reply(ctx, 201, answer);
    }

    /** Empty when a request may go now; else when the window resets. */
    private synchronized Optional<Instant> admit() {
        var now = clock.instant();
        if (!now.isBefore(windowStart.plus(window))) {
            windowStart = now;
            usedInWindow = 0;
        }
        if (usedInWindow >= limit) {
            // Braze names the reset in whole seconds; round up so a client waiting until then finds a fresh window.
            var reset = windowStart.plus(window);
            return Optional.of(Instant.ofEpochSecond(reset.getEpochSecond() + (reset.getNano() > 0 ? 1 : 0)));
        }
        usedInWindow++;
        return Optional.empty();
    }

    private static Optional<String> problem(JsonNode event) {
        var ids = (event.path("external_id").isTextual() ? 1 : 0) + (event.path("email").isTextual() ? 1 : 0);
        if (ids != 1) {
            return Optional.of("'external_id' or 'braze_id' or 'user_alias' or 'email' is required");
        }
        if (!event.path("name").isTextual() || event.path("name").asText().isBlank()) {
            return Optional.of("'name' is required");
        }
        try {
            Instant.parse(event.path("time").asText(""));
        } catch (DateTimeParseException e) {
            return Optional.of("'time' must be an ISO 8601 date-time");
        }
        if (event.has("properties") && !event.path("properties").isObject()) {
            return Optional.of("'properties' must be an object");
        }
        return Optional.empty();
    }

    private synchronized void store(JsonNode event) {
        Map<String, Object> properties = event.has("properties") ? mapper.convertValue(event.get("properties"), PROPERTIES) : Map.of();
        events.add(new BrazeEvent(Optional.ofNullable(event.path("external_id").textValue()), Optional.ofNullable(event.path("email").textValue()),
                event.path("name").asText(), Instant.parse(event.path("time").asText()), properties));
    }

    private void reply(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }
}
