package io.engagementbridge.observability;

import io.engagementbridge.TestBackends;
import io.javalin.testtools.JavalinTest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import static io.engagementbridge.TestBackends.KEY_ID;
import static io.engagementbridge.TestBackends.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

final class MetricsEndpointTest {
    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();

    @Test
    void metrics_show_request_latency_upstream_outcomes_cache_use_and_circuits() {
        engagement.enqueue(new MockResponse.Builder().body(TestBackends.attributesAnswer("Ada", "Lovelace", "London", 1, "Champions", "Gold")).build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = TestBackends.dataApiRequest(engagement.url("/"), "ada@example.com").toString();
            for (int i = 0; i < 2; i++) {
                client.post("/sidebar", body, req -> req.header("X-Engagement-Key-Id", KEY_ID).header("X-Engagement-Key-Secret", SECRET));
            }
            var response = client.get("/metrics");
            assertThat(response.headers().get("Content-Type")).singleElement().asString().startsWith("text/plain");
            assertThat(response.body().string()).contains(
                    "bridge_http_requests_seconds_bucket{",
                    "route=\"/sidebar\"",
                    "engagement_upstream_calls_total{outcome=\"ok\"} 1.0",
                    "cache_gets_total{cache=\"profiles\",result=\"hit\"} 1.0",
                    "cache_gets_total{cache=\"profiles\",result=\"miss\"} 1.0",
                    "cache_load_total{cache=\"profiles\",result=\"success\"} 1.0",
                    "cache_evictions_total{cache=\"profiles\"}",
                    "engagement_circuits_open 0.0");
        });
    }

    @Test
    void health_answers_ok() {
        JavalinTest.test(backends.app(), (server, client) -> assertThat(client.get("/health").body().string()).isEqualTo("ok"));
    }
}
