package io.engagementbridge.access;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.engagementbridge.TestBackends;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.CallerPolicy;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.engagementbridge.TestBackends.KEY_ID;
import static io.engagementbridge.TestBackends.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

final class CallerAccessTest {
    private static final String SHARED = "a-shared-secret-of-decent-length";
    private static final String ROTATED = "the-next-shared-secret-after-rotation";
    private static final String BACKEND = "https://bridge.example.com";

    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();

    private BridgeConfig config(int ratePerMinute) {
        return BridgeConfig.forLoopback(0).withCallers(new CallerPolicy(List.of(SHARED, ROTATED), BACKEND, ratePerMinute));
    }

    private String token(String secret, String audience, Instant issued, Duration lifetime) {
        return JWT.create().withAudience(audience).withIssuedAt(issued).withExpiresAt(issued.plus(lifetime)).sign(Algorithm.HMAC256(secret));
    }

    private String validToken() {
        return token(SHARED, BACKEND, TestBackends.NOW, Duration.ofMinutes(5));
    }

    private Response open(HttpClient client, String authorization) {
        return client.post("/sidebar", TestBackends.dataApiRequest(engagement.url("/"), "ada@example.com").toString(), req -> {
            req.header("X-Engagement-Key-Id", KEY_ID).header("X-Engagement-Key-Secret", SECRET);
            if (authorization != null) {
                req.header("Authorization", authorization);
            }
        });
    }

    private void profileAnswer() {
        engagement.enqueue(new MockResponse.Builder().body(TestBackends.attributesAnswer("Ada", "Lovelace", "London", 1, "Champions", "Gold")).build());
    }

    @Test
    void request_signed_by_zendesk_for_this_backend_is_served() {
        profileAnswer();
        JavalinTest.test(backends.app(config(100)), (server, client) ->
                assertThat(open(client, "Bearer " + validToken()).body().string()).contains("Champions"));
    }

    @Test
    void token_signed_with_the_rotated_secret_is_accepted_too() {
        profileAnswer();
        JavalinTest.test(backends.app(config(100)), (server, client) -> assertThat(open(client,
                "Bearer " + token(ROTATED, BACKEND, TestBackends.NOW, Duration.ofMinutes(5))).code()).isEqualTo(200));
    }

    @Test
    void missing_token_is_refused_with_401_and_a_clear_message() {
        JavalinTest.test(backends.app(config(100)), (server, client) -> {
            var response = open(client, null);
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.body().string()).contains("data-state=\"unauthorized\"", "carries no token signed by Zendesk");
            assertThat(engagement.getRequestCount()).isZero();
        });
    }

    @Test
    void unfilled_token_placeholder_is_refused() {
        JavalinTest.test(backends.app(config(100)), (server, client) ->
                assertThat(open(client, "Bearer {{jwt.token}}").code()).isEqualTo(401));
    }

    @Test
    void expired_token_is_refused() {
        JavalinTest.test(backends.app(config(100)), (server, client) -> {
            var response = open(client, "Bearer " + token(SHARED, BACKEND, TestBackends.NOW.minus(Duration.ofMinutes(30)), Duration.ofMinutes(5)));
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.body().string()).contains("the token has expired");
        });
    }

    @Test
    void token_issued_in_the_future_is_refused() {
        JavalinTest.test(backends.app(config(100)), (server, client) -> assertThat(open(client,
                "Bearer " + token(SHARED, BACKEND, TestBackends.NOW.plus(Duration.ofMinutes(10)), Duration.ofMinutes(5))).code()).isEqualTo(401));
    }

    @Test
    void token_with_a_wrong_signature_is_refused() {
        JavalinTest.test(backends.app(config(100)), (server, client) -> {
            var response = open(client, "Bearer " + token("an-attackers-guess-at-the-secret", BACKEND, TestBackends.NOW, Duration.ofMinutes(5)));
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.body().string()).contains("matches no configured shared secret");
        });
    }

    @Test
    void token_for_another_backend_is_refused() {
        JavalinTest.test(backends.app(config(100)), (server, client) -> {
            var response = open(client, "Bearer " + token(SHARED, "https://other.example.com", TestBackends.NOW, Duration.ofMinutes(5)));
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.body().string()).contains("not meant for this backend");
        });
    }

    @Test
    void caller_over_its_rate_gets_429_with_retry_after_and_recovers() {
        for (int i = 0; i < 3; i++) {
            profileAnswer();
        }
        JavalinTest.test(backends.app(config(2)), (server, client) -> {
            assertThat(open(client, "Bearer " + validToken()).code()).isEqualTo(200);
            assertThat(open(client, "Bearer " + validToken()).code()).isEqualTo(200);
            var limited = open(client, "Bearer " + validToken());
            assertThat(limited.code()).isEqualTo(429);
            assertThat(limited.headers().get("Retry-After")).singleElement().satisfies(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
            assertThat(limited.body().string()).contains("Too many requests");
            backends.advance(Duration.ofSeconds(31));
            assertThat(open(client, "Bearer " + validToken()).code()).isEqualTo(200);
        });
    }

    @Test
    void oversized_request_gets_413_with_a_short_message() {
        JavalinTest.test(backends.app(BridgeConfig.forLoopback(0)), (server, client) -> {
            var huge = "{\"settings\":{\"fields\":\"" + "x".repeat(300_000) + "\"}}";
            var response = client.post("/sidebar", huge, req -> req.header("X-Engagement-Key-Id", KEY_ID).header("X-Engagement-Key-Secret", SECRET));
            assertThat(response.code()).isEqualTo(413);
            assertThat(response.body().string()).contains("larger than the backend accepts").doesNotContain("Exception");
        });
    }
}
