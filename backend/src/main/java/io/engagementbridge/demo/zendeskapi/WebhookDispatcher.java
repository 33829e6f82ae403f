package io.engagementbridge.demo.zendeskapi;

import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends webhook invocations the way Zendesk does: asynchronously, signed (base64 HMAC-SHA256 of
 * timestamp + body), and retried only in the documented cases: 409 up to 3 times, 429/503 when
 * Retry-After is under 60 seconds (up to 3 times; Zendesk gives no count), timeouts up to 5 times.
 * Anything else, including 500, is final. The circuit breaker is not simulated.
 */
final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final String ACCOUNT_ID = "10001";
    private static final int CONFLICT_RETRIES = 3;
    private static final int THROTTLE_RETRIES = 3;
    private static final int TIMEOUT_RETRIES = 5;

    private final Clock clock;
    private final Supplier<SimulatorLimits> limits;
    private final Faults faults;
    private final OkHttpClient baseClient;
    private final Random dropper = new Random(20_261_201L);
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        var thread = new Thread(runnable, "zendesk-sim-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, WebhookInvocation> invocations = new ConcurrentHashMap<>();
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());

    WebhookDispatcher(OkHttpClient http, Clock clock, Supplier<SimulatorLimits> limits, Faults faults) {
        this.baseClient = http;
        this.clock = clock;
        this.limits = limits;
        this.faults = faults;
    }

    List<WebhookInvocation> invocations() {
        synchronized (order) {
            return order.stream().map(invocations::get).toList();
        }
    }

    /** Queues one invocation of {@code webhook} with {@code body}; returns its id. */
    String send(Webhook webhook, String body) {
        var id = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        boolean drop;
        synchronized (dropper) {
            drop = dropper.nextDouble() < faults.webhookDropShare();
        }
        invocations.put(id, new WebhookInvocation(id, webhook.id(), body, drop ? "dropped" : "pending", List.of()));
        order.add(id);
        if (!drop) {
            executor.execute(() -> attempt(webhook, id, body, 0, 0, 0));
        }
        return id;
    }

    private void attempt(Webhook webhook, String invocationId, String body, int conflicts, int throttles, int timeouts) {
        var timestamp = Renderer.time(clock.instant());
        var client = baseClient.newBuilder().callTimeout(limits.get().webhookTimeout()).readTimeout(limits.get().webhookTimeout())
                .followRedirects(false).build();
        var method = webhook.httpMethod();
        var hasBody = !method.equals("GET") && !method.equals("DELETE");
        var contentType = switch (webhook.requestFormat()) {
            case "xml" -> "application/xml";
            case "form_encoded" -> "application/x-www-form-urlencoded";
            default -> "application/json";
        };
        var signed = hasBody ? body : "";
        var request = new Request.Builder().url(webhook.endpoint())
                .method(method, hasBody ? RequestBody.create(body, MediaType.get(contentType)) : null)
                .header("User-Agent", "Zendesk Webhook")
                .header("X-Zendesk-Account-Id", ACCOUNT_ID)
                .header("X-Zendesk-Webhook-Id", webhook.id())
                .header("X-Zendesk-Webhook-Invocation-Id", invocationId)
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .header("X-Zendesk-Webhook-Signature", sign(webhook.signingSecret(), timestamp + signed));
        authenticate(webhook, request);
        int status;
        String retryAfter = null;
        String outcome;
        try (var response = client.newCall(request.build()).execute()) {
            status = response.code();
            retryAfter = response.header("Retry-After");
            outcome = response.isSuccessful() ? "success" : "http_error";
        } catch (InterruptedIOException e) {
            status = 0;
            outcome = "timeout";
        } catch (IOException e) {
            status = 0;
            outcome = "connection_failed";
        }
        record(invocationId, new WebhookInvocation.Attempt(clock.instant(), status, outcome));
        if (outcome.equals("success")) {
            finish(invocationId, "success");
            return;
        }
        if (status == 409 && conflicts < CONFLICT_RETRIES) {
            retry(webhook, invocationId, body, Duration.ofSeconds(1), conflicts + 1, throttles, timeouts);
        } else if ((status == 429 || status == 503) && throttles < THROTTLE_RETRIES && seconds(retryAfter) >= 0 && seconds(retryAfter) < 60) {
            retry(webhook, invocationId, body, Duration.ofSeconds(seconds(retryAfter)), conflicts, throttles + 1, timeouts);
        } else if (outcome.equals("timeout") && timeouts < TIMEOUT_RETRIES) {
            retry(webhook, invocationId, body, Duration.ofSeconds(1), conflicts, throttles, timeouts + 1);
        } else {
            finish(invocationId, "failed");
        }
    }

    private void retry(Webhook webhook, String invocationId, String body, Duration wait, int conflicts, int throttles, int timeouts) {
        var capped = wait.compareTo(limits.get().webhookRetryWaitCap()) > 0 ? limits.get().webhookRetryWaitCap() : wait;
        executor.schedule(() -> attempt(webhook, invocationId, body, conflicts, throttles, timeouts), capped.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void record(String id, WebhookInvocation.Attempt attempt) {
        invocations.computeIfPresent(id, (key, old) -> {
            var attempts = new ArrayList<>(old.attempts());
            attempts.add(attempt);
            return new WebhookInvocation(old.id(), old.webhookId(), old.body(), old.status(), List.copyOf(attempts));
        });
    }

    private void finish(String id, String status) {
        invocations.computeIfPresent(id, (key, old) -> new WebhookInvocation(old.id(), old.webhookId(), old.body(), status, old.attempts()));
    }

    private static void authenticate(Webhook webhook, Request.Builder request) {
        var auth = webhook.authentication();
        if (auth == null || auth.isNull() || auth.isMissingNode()) {
            return;
        }
        var data = auth.path("data");
        switch (auth.path("type").asText()) {
            case "bearer_token" -> request.header("Authorization", "Bearer " + data.path("token").asText());
            case "basic_auth" -> request.header("Authorization", Credentials.basic(data.path("username").asText(), data.path("password").asText()));
            case "api_key" -> request.header(data.path("name").asText("X-Api-Key"), data.path("value").asText());
            default -> LOG.debug("Webhook {} has an unknown authentication type; sending without it", webhook.id());
        }
    }

    static String sign(String secret, String message) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static long seconds(String retryAfter) {
        if (retryAfter == null) {
            return -1;
        }
        try {
            return Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
