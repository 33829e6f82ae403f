package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.engagement.RetryAfter;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Engagement's Tracking API batch endpoint, {@code POST /track/v2/projects/{token}/batch}: one attempt per
 * call (the work queue owns retries), blocking (the relay sender is a background thread), and every
 * answer turned into data: each command's result, or why the whole call failed.
 */
public final class EngagementTracking {
    public static final int MAX_COMMANDS = 50;
    private static final long MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final FailureLog FAILURES = FailureLog.of(EngagementTracking.class);

    private final OkHttpClient http;
    private final HostPolicy policy;
    private final ObjectMapper mapper;
    private final Clock clock;

    public EngagementTracking(OkHttpClient http, HostPolicy policy, ObjectMapper mapper, Clock clock) {
        this.http = http;
        this.policy = policy;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Where a connection's events go: its Engagement API base URL, project token and key pair. */
    public record Project(String baseUrl, String projectToken, Credentials credentials) {
        @Override
        public String toString() {
            return "Project[" + baseUrl + "]";
        }
    }

    /** One command's result, in the order sent. */
    public record CommandResult(boolean success, List<String> errors) {
    }

    /** How a batch call ended. */
    public sealed interface BatchReply {
    }

    /** HTTP 200 with one result per command. */
    public record Answered(List<CommandResult> results) implements BatchReply {
    }

    /** Why nothing can be known about the commands: none of them counts as stored. */
    public enum FailureKind { RATE_LIMITED, SERVER_ERROR, TRANSPORT, UNREADABLE, REFUSED, NOT_ALLOWED }

    public record Failed(FailureKind kind, int status, Optional<Duration> retryAfter, String reason) implements BatchReply {
    }

    public BatchReply batch(Project project, List<JsonNode> commands) {
        if (commands.isEmpty() || commands.size() > MAX_COMMANDS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_COMMANDS + " commands, was " + commands.size());
        }
        var base = HttpUrl.parse(project.baseUrl());
        if (base == null) {
            return new Failed(FailureKind.NOT_ALLOWED, 0, Optional.empty(), "the connection's Engagement base URL is not a URL");
        }
        var url = base.newBuilder().addPathSegments("track/v2/projects").addPathSegment(project.projectToken()).addPathSegment("batch").build();
        var rejection = policy.rejection(url);
        if (rejection.isPresent()) {
            return new Failed(FailureKind.NOT_ALLOWED, 0, Optional.empty(), "the Engagement URL " + rejection.get()
                    + " (BRIDGE_ALLOWED_HOSTS decides which hosts are allowed)");
        }
        var body = mapper.createObjectNode();
        body.putArray("commands").addAll(commands);
        var request = new Request.Builder().url(url)
                .header("Authorization", project.credentials().basicAuthorization())
                .header("Accept", "application/json")
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        BatchReply reply;
        try (var response = http.newCall(request).execute()) {
            var source = response.body().source();
            var tooLarge = source.request(MAX_RESPONSE_BYTES + 1);
            var text = tooLarge ? "" : source.getBuffer().readUtf8();
            reply = interpret(response.code(), text, tooLarge, RetryAfter.parse(response.header("Retry-After"), clock), commands.size());
        } catch (IOException e) {
            var timedOut = e instanceof InterruptedIOException;
            reply = new Failed(FailureKind.TRANSPORT, 0, Optional.empty(),
                    timedOut ? "Engagement did not answer in time" : "Engagement could not be reached (" + e.getClass().getSimpleName() + ")");
        }
        if (reply instanceof Failed failed) {
            FAILURES.expected(url.host(), failed.kind().name().toLowerCase(java.util.Locale.ROOT),
                    (failed.status() == 0 ? "" : "status " + failed.status() + ": ") + failed.reason());
        }
        return reply;
    }

    private BatchReply interpret(int status, String text, boolean tooLarge, Duration retryAfter, int sent) {
        var wait = Optional.ofNullable(retryAfter);
        if (status == 429) {
            return new Failed(FailureKind.RATE_LIMITED, status, wait, "Engagement's rate limit (it drops what it answers 429 to)");
        }
        if (status >= 500) {
            return new Failed(FailureKind.SERVER_ERROR, status, wait, "Engagement failed with " + status + " (whether it stored anything is unknown)");
        }
        var json = tooLarge ? null : parse(text);
        if (status == 401 || status == 403 || (status == 400 && json != null && json.path("error").isTextual())) {
            var error = json == null ? "" : json.path("error").asText("");
            return new Failed(FailureKind.REFUSED, status, wait, "Engagement refused the connection's credentials or project"
                    + (error.isEmpty() ? "" : " (" + abbreviate(error) + ")") + ": check its Engagement key pair and project token");
        }
        if (status != 200) {
            var message = json == null ? "" : json.path("message").asText("");
            return new Failed(FailureKind.REFUSED, status, wait, "Engagement refused the batch with " + status + (message.isEmpty() ? "" : " (" + abbreviate(message) + ")"));
        }
        if (json == null || !json.path("results").isArray() || json.path("results").size() != sent) {
            return new Failed(FailureKind.UNREADABLE, status, wait, "Engagement's answer did not list one result per command");
        }
        var results = new ArrayList<CommandResult>();
        for (var result : json.path("results")) {
            var errors = new ArrayList<String>();
            result.path("errors").forEach(error -> errors.add(abbreviate(error.asText())));
            if (result.path("error").isTextual()) {
                errors.add(abbreviate(result.path("error").asText()));
            }
            results.add(new CommandResult(result.path("success").asBoolean(false), List.copyOf(errors)));
        }
        return new Answered(List.copyOf(results));
    }

    private JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** Engagement's error texts go to logs and the dead-letter list: kept short. */
    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
