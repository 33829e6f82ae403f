package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.TestBackends;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.Capacity;
import io.engagementbridge.config.Resilience;
import io.engagementbridge.logging.SecretLeakGuard;
import io.javalin.testtools.JavalinTest;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.engagementbridge.TestBackends.KEY_ID;
import static io.engagementbridge.TestBackends.SECRET;
import static io.engagementbridge.TestBackends.attributesAnswer;
import static io.engagementbridge.TestBackends.dataApiRequest;
import static io.engagementbridge.sidebar.SidebarDataApiTest.open;
import static org.assertj.core.api.Assertions.assertThat;

/** The sidebar while Engagement misbehaves: hangs, hostile bodies, floods of failures. */
final class SidebarUnderFireTest {
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final String MISSING = "{\"errors\":{\"_global\":[\"Customer does not exist\"]},\"success\":false}";

    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();
    private final BridgeConfig config = BridgeConfig.forLoopback(0).withCapacity(Capacity.DEFAULTS.withSidebarDeadline(DEADLINE));
    private final AtomicBoolean hanging = new AtomicBoolean();

    /** Knows Ada; nobody else; while hanging, answers nothing for a minute. */
    private void engagementAnswers(Duration latency) {
        engagement.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (hanging.get()) {
                    return new MockResponse.Builder().headersDelay(60, TimeUnit.SECONDS).body("{}").build();
                }
                var known = request.getBody().utf8().contains("ada@example.com");
                return new MockResponse.Builder().headersDelay(latency.toMillis(), TimeUnit.MILLISECONDS).code(known ? 200 : 404)
                        .body(known ? attributesAnswer("Ada", "Lovelace", "London", 10, "Champions", "Gold") : MISSING).build();
            }
        });
    }

    @Test
    void hanging_engagement_delays_no_cached_customer_and_uncached_opens_say_it_took_too_long_within_the_deadline() {
        engagementAnswers(Duration.ZERO);
        JavalinTest.test(backends.app(config), (server, client) -> {
            var ada = dataApiRequest(engagement.url("/"), "ada@example.com").toString();
            assertThat(open(client, ada).body().string()).contains("Champions");
            hanging.set(true);

            var http = HttpClient.newHttpClient();
            var uncached = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            var started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                uncached.add(http.sendAsync(post(server.port(), dataApiRequest(engagement.url("/"), "stranger-" + i + "@example.com").toString()),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < 10; i++) {
                var cachedStarted = System.nanoTime();
                assertThat(open(client, ada).body().string()).contains("Champions");
                assertThat(Duration.ofNanos(System.nanoTime() - cachedStarted)).isLessThan(Duration.ofMillis(300));
            }
            for (var answer : uncached) {
                assertThat(answer.join().body()).contains("Engagement took too long to answer.");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.plusMillis(700));
        });
    }

    @Test
    void five_thousand_emails_cost_at_most_five_upstream_calls_and_answer_within_the_deadline() {
        // Looked up one after another, five identifiers at 300 ms each would overrun the deadline and say "took too long".
        engagementAnswers(Duration.ofMillis(300));
        JavalinTest.test(backends.app(config), (server, client) -> {
            open(client, dataApiRequest(engagement.url("/"), "ada@example.com").toString()); // warms up the server
            var body = dataApiRequest(engagement.url("/"), "First.Stranger@Example.com");
            var emails = ((ObjectNode) body.get("requester")).putArray("emails");
            for (int i = 0; i < 5_000; i++) {
                emails.add((i % 2 == 0 ? "Stranger-" : "stranger-") + (i / 2) + "@example.com");
            }
            var started = System.nanoTime();
            var html = open(client, body.toString()).body().string();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.plusMillis(500));
            assertThat(html).contains("data-state=\"not-found\"", "First.Stranger@Example.com");
            assertThat(engagement.getRequestCount()).isEqualTo(1 + Capacity.DEFAULTS.maxIdentifiers());
        });
    }

    @Test
    void a_thousand_failed_loads_log_a_few_lines_without_stack_traces_or_secrets() {
        // A hostile upstream quoting the caller's secret back in every error.
        engagement.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(500)
                        .body("{\"error\":\"internal failure for key " + SECRET.toUpperCase() + " and " + request.getHeaders().get("Authorization") + "\"}").build();
            }
        });
        var noRetries = new Resilience(0, Resilience.DEFAULTS.baseDelay(), Resilience.DEFAULTS.maxDelay(), Resilience.DEFAULTS.deadline(),
                2_000, 2_000, Resilience.DEFAULTS.breakerOpenFor());
        var logStart = SecretLeakGuard.captured().length();
        JavalinTest.test(backends.app(config.withResilience(noRetries)), (server, client) -> {
            var http = HttpClient.newHttpClient();
            var agents = new java.util.concurrent.ForkJoinPool(16);
            var pages = agents.submit(() -> java.util.stream.IntStream.range(0, 1_000).parallel()
                    .mapToObj(i -> send(http, server.port(), dataApiRequest(engagement.url("/"), "customer-" + i + "@example.com").toString()))
                    .toList()).join();
            agents.shutdown();
            assertThat(pages).allMatch(html -> html.contains("data-state=\"error\""));
            assertThat(engagement.getRequestCount()).isEqualTo(1_000);
        });
        var log = SecretLeakGuard.captured().substring(logStart);
        assertThat(log.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList()).hasSizeLessThanOrEqualTo(5);
        assertThat(log.lines()).noneMatch(line -> line.trim().startsWith("at "));
        assertThat(log).doesNotContainIgnoringCase(SECRET).doesNotContain("Basic ");
    }

    private static String send(HttpClient http, int port, String body) {
        try {
            return http.send(post(port, body), HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest post(int port, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + SidebarController.PATH))
                .header("Content-Type", "application/json")
                .header(SecureHeaders.KEY_ID, KEY_ID)
                .header(SecureHeaders.KEY_SECRET, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
