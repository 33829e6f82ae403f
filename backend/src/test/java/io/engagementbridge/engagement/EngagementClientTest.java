package io.engagementbridge.engagement;

import io.engagementbridge.App;
import io.engagementbridge.config.Resilience;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.engagement.EngagementException.Kind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class EngagementClientTest {
    private static final Resilience FAST = new Resilience(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5), 5, 10, Duration.ofSeconds(30));
    private static final Credentials KEYS = new Credentials("key", "secret");

    @StartStop
    private final MockWebServer engagement = new MockWebServer();

    private static EngagementClient client(Resilience resilience) {
        var policy = new HostPolicy(List.of(), true);
        return new EngagementClient(HttpClients.upstream(Timeouts.DEFAULTS, policy), policy, App.mapper(), Clock.systemUTC(),
                resilience, new CircuitBreakers(resilience), UpstreamListener.NONE);
    }

    private Object call(EngagementClient client) {
        return client.post(engagement.url("/data"), KEYS, App.mapper().createObjectNode()).join();
    }

    private EngagementException failure(EngagementClient client) {
        var thrown = catchThrowableOfType(CompletionException.class, () -> call(client));
        return (EngagementException) thrown.getCause();
    }

    private void answer(int code, String body) {
        engagement.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    @Test
    void rate_limited_call_waits_for_retry_after_then_succeeds() {
        engagement.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("{}").build());
        answer(200, "{\"success\":true}");
        var started = System.nanoTime();
        assertThat(call(client(FAST)).toString()).contains("success");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(engagement.getRequestCount()).isEqualTo(2);
    }

    @Test
    void server_error_is_retried_until_it_succeeds() {
        answer(503, "{}");
        answer(502, "{}");
        answer(200, "{\"success\":true}");
        assertThat(call(client(FAST)).toString()).contains("success");
        assertThat(engagement.getRequestCount()).isEqualTo(3);
    }

    @Test
    void client_errors_are_never_retried() {
        for (var code : List.of(400, 401, 403)) {
            answer(code, "{\"success\":false,\"error\":\"no\"}");
        }
        var client = client(FAST);
        assertThat(failure(client).kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(failure(client).kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(failure(client).kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(engagement.getRequestCount()).isEqualTo(3);
    }

    @Test
    void retries_stop_at_the_overall_deadline() {
        var tight = new Resilience(5, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(400), 50, 100, Duration.ofSeconds(30));
        for (int i = 0; i < 6; i++) {
            engagement.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").body("{}").build());
        }
        var started = System.nanoTime();
        assertThat(failure(client(tight)).kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        assertThat(engagement.getRequestCount()).isEqualTo(1);
    }

    @Test
    void circuit_opens_after_repeated_failures_and_then_fails_fast() {
        var breaker = new Resilience(0, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5), 2, 2, Duration.ofSeconds(30));
        var client = client(breaker);
        answer(503, "{}");
        answer(503, "{}");
        failure(client);
        failure(client);
        var started = System.nanoTime();
        var fast = failure(client);
        assertThat(fast.getMessage()).contains("circuit open");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
        assertThat(engagement.getRequestCount()).isEqualTo(2);
    }

    @Test
    void open_circuit_probes_after_its_delay_and_closes_on_success() throws InterruptedException {
        var breaker = new Resilience(0, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5), 1, 1, Duration.ofMillis(300));
        var breakers = new CircuitBreakers(breaker);
        var policy = new HostPolicy(List.of(), true);
        var client = new EngagementClient(HttpClients.upstream(Timeouts.DEFAULTS, policy), policy, App.mapper(), Clock.systemUTC(),
                breaker, breakers, UpstreamListener.NONE);
        answer(503, "{}");
        answer(200, "{\"success\":true}");
        failure(client);
        assertThat(breakers.states()).containsValue(dev.failsafe.CircuitBreaker.State.OPEN);
        Thread.sleep(400);
        assertThat(call(client).toString()).contains("success");
        assertThat(breakers.states()).containsValue(dev.failsafe.CircuitBreaker.State.CLOSED);
    }

    @Test
    void slow_upstream_times_out_instead_of_hanging() {
        var quick = new Resilience(0, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(300), 5, 10, Duration.ofSeconds(30));
        engagement.enqueue(new MockResponse.Builder().headersDelay(2, java.util.concurrent.TimeUnit.SECONDS).body("{}").build());
        assertThat(failure(client(quick)).kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void garbage_body_is_reported_as_unreadable() {
        answer(200, "<html>surprise</html>");
        assertThat(failure(client(FAST)).kind()).isEqualTo(Kind.BAD_RESPONSE);
    }

    @Test
    void url_outside_the_policy_is_refused_without_a_connection() {
        var strict = new HostPolicy(List.of("*.exponea.com"), false);
        var client = new EngagementClient(HttpClients.upstream(Timeouts.DEFAULTS, strict), strict, App.mapper(), Clock.systemUTC(),
                FAST, new CircuitBreakers(FAST), UpstreamListener.NONE);
        assertThat(failure(client).kind()).isEqualTo(Kind.NOT_ALLOWED);
        assertThat(engagement.getRequestCount()).isZero();
    }
}
