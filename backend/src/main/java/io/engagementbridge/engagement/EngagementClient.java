package io.engagementbridge.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import io.engagementbridge.config.Resilience;
import io.engagementbridge.engagement.EngagementException.Kind;
import io.engagementbridge.logging.FailureLog;
import io.engagementbridge.web.Redaction;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls Engagement's JSON APIs without holding a server thread: every call is an OkHttp async call
 * completing a future. Completes with the parsed body, or empty when Engagement says the customer
 * does not exist; fails with a classified {@link EngagementException}.
 */
public final class EngagementClient {
    static final long MAX_RESPONSE_BYTES = 2L * 1024 * 1024;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final FailureLog FAILURES = FailureLog.of(EngagementClient.class);

    private final OkHttpClient http;
    private final HostPolicy policy;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Resilience resilience;
    private final CircuitBreakers breakers;
    private final UpstreamListener listener;
    private final RetryDelays delays;

    public EngagementClient(OkHttpClient http, HostPolicy policy, ObjectMapper mapper, Clock clock,
                            Resilience resilience, CircuitBreakers breakers, UpstreamListener listener) {
        this.http = http;
        this.policy = policy;
        this.mapper = mapper;
        this.clock = clock;
        this.resilience = resilience;
        this.breakers = breakers;
        this.listener = listener;
        this.delays = new RetryDelays(resilience);
    }

    /**
     * POSTs a JSON body within the overall deadline, retrying transient failures (IO, timeouts, 429,
     * 5xx) with jittered backoff or the upstream's Retry-After, behind the host's circuit breaker.
     */
    public CompletableFuture<Optional<JsonNode>> post(HttpUrl url, Credentials credentials, JsonNode body) {
        var rejection = policy.rejection(url);
        if (rejection.isPresent()) {
            return CompletableFuture.failedFuture(new EngagementException(Kind.NOT_ALLOWED, 0, rejection.get()));
        }
        var deadline = Timeout.<Optional<JsonNode>>builder(resilience.deadline()).build();
        var retry = RetryPolicy.<Optional<JsonNode>>builder()
                .handleIf(EngagementClient::isTransient)
                .withDelayFn(context -> delays.next(context.getLastException(), context.getAttemptCount()))
                .withMaxRetries(resilience.maxRetries())
                .build();
        return Failsafe.with(deadline, retry, breakers.forHost(url.host()))
                .getStageAsync(() -> attempt(url, credentials, body))
                .exceptionallyCompose(error -> {
                    var failure = translate(error);
                    if (failure instanceof EngagementException e) {
                        FAILURES.expected(url.host(), e.kind().name().toLowerCase(Locale.ROOT),
                                (e.status() == 0 ? "" : "status " + e.status() + ": ")
                                        + Redaction.redact(e.getMessage(), List.of(credentials.keyId(), credentials.secret())));
                    }
                    return CompletableFuture.failedFuture(failure);
                });
    }

    /** Whether calls are queued for a free connection: background work then waits. */
    public boolean foregroundWaiting() {
        return http.dispatcher().queuedCallsCount() > 0;
    }

    static boolean isTransient(Throwable error) {
        return error instanceof EngagementException e && e.retryable();
    }

    private static Throwable translate(Throwable error) {
        var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CircuitBreakerOpenException) {
            return new EngagementException(Kind.UNAVAILABLE, 0, "circuit open: recent calls to this host failed");
        }
        if (cause instanceof TimeoutExceededException) {
            return new EngagementException(Kind.TIMEOUT, 0, "no answer within the overall deadline");
        }
        return cause;
    }

    private CompletableFuture<Optional<JsonNode>> attempt(HttpUrl url, Credentials credentials, JsonNode body) {
        var request = new Request.Builder()
                .url(url)
                .header("Authorization", credentials.basicAuthorization())
                .header("Accept", "application/json")
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        var result = new CompletableFuture<Optional<JsonNode>>();
        var call = http.newCall(request);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                result.completeExceptionally(classify(e));
            }

            @Override
            public void onResponse(Call done, Response response) {
                try (response) {
                    result.complete(interpret(response.code(), readCapped(response), RetryAfter.parse(response.header("Retry-After"), clock)));
                } catch (EngagementException e) {
                    result.completeExceptionally(e);
                } catch (IOException e) {
                    result.completeExceptionally(classify(e));
                }
            }
        });
        result.whenComplete((value, error) -> {
            listener.upstreamCall(error == null ? (value.isPresent() ? "ok" : "customer_missing")
                    : error instanceof EngagementException e ? e.kind().name().toLowerCase(java.util.Locale.ROOT) : "cancelled");
            if (error != null) {
                call.cancel();
            }
        });
        return result;
    }

    private Optional<JsonNode> interpret(int status, String text, Duration retryAfter) {
        var body = parse(text);
        var message = upstreamMessage(body);
        if (status >= 200 && status < 300) {
            if (body == null) {
                throw new EngagementException(Kind.BAD_RESPONSE, status, "the response was not JSON");
            }
            if (body.path("success").isBoolean() && !body.path("success").asBoolean()) {
                if (saysCustomerMissing(message)) {
                    return Optional.empty();
                }
                throw new EngagementException(message.contains("permission") ? Kind.FORBIDDEN : Kind.BAD_REQUEST, status, message);
            }
            return Optional.of(body);
        }
        if (status >= 300 && status < 400) {
            // Never followed: a redirect could point anywhere, including inside our own network.
            throw new EngagementException(Kind.REDIRECTED, status, "answered with a redirect, which is never followed");
        }
        if (status == 404 && saysCustomerMissing(message)) {
            return Optional.empty();
        }
        throw new EngagementException(kindOf(status, message), status, message, retryAfter);
    }

    private static Kind kindOf(int status, String message) {
        if (status == 401 || message.contains("could not authenticate") || message.contains("access key")) {
            return Kind.UNAUTHORIZED;
        }
        if (message.contains("invalid project")) {
            return Kind.INVALID_PROJECT;
        }
        return switch (status) {
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.ENDPOINT_NOT_FOUND;
            case 429 -> Kind.RATE_LIMITED;
            case 400, 405, 409, 413, 415, 422 -> Kind.BAD_REQUEST;
            default -> status >= 500 ? Kind.UNAVAILABLE : Kind.BAD_RESPONSE;
        };
    }

    private static boolean saysCustomerMissing(String message) {
        return message.contains("does not exist") || message.contains("customer not found");
    }

    private JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** The upstream's own words (error, errors, message), lower-cased and shortened, for classification and logs. */
    private static String upstreamMessage(JsonNode body) {
        if (body == null) {
            return "";
        }
        var parts = new StringBuilder();
        for (var name : new String[] {"error", "errors", "message"}) {
            var node = body.get(name);
            if (node != null && !node.isNull()) {
                parts.append(node.isTextual() ? node.asText() : node.toString()).append(' ');
            }
        }
        var text = parts.toString().trim().toLowerCase(Locale.ROOT);
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static String readCapped(Response response) throws IOException {
        var source = response.body().source();
        if (source.request(MAX_RESPONSE_BYTES + 1)) {
            throw new EngagementException(Kind.BAD_RESPONSE, response.code(), "the response was larger than " + MAX_RESPONSE_BYTES + " bytes");
        }
        return source.getBuffer().readUtf8();
    }

    private static EngagementException classify(IOException e) {
        if (e instanceof UnknownHostException && String.valueOf(e.getMessage()).contains("may not call")) {
            return new EngagementException(Kind.NOT_ALLOWED, 0, "the host resolves to a private or loopback address");
        }
        if (e instanceof InterruptedIOException) {
            return new EngagementException(Kind.TIMEOUT, 0, "no answer in time");
        }
        return new EngagementException(Kind.UNREACHABLE, 0, e.getClass().getSimpleName());
    }
}
