package io.engagementbridge.demo.zendeskapi;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ZendeskApiLimitsTest {

    @Test
    void sixth_write_to_one_user_within_a_rolling_minute_is_429_with_retry_after_and_the_user_limit_header() {
        try (var zendesk = new SimulatorHarness()) {
            for (int i = 1; i <= 5; i++) {
                var reply = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada " + i + "\",\"external_id\":\"c1\"}}");
                assertThat(reply.code()).isIn(200, 201);
                assertThat(reply.header("Zendesk-RateLimit-create-update-user")).startsWith("total=5; remaining=" + (5 - i) + "; resets=");
                zendesk.clock.advance(Duration.ofSeconds(10));
            }

            var refused = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada 6\",\"external_id\":\"c1\"}}");

            assertThat(refused.code()).isEqualTo(429);
            assertThat(refused.header("Content-Type")).startsWith("text/plain");
            assertThat(refused.body()).startsWith("You have exceeded the rate limit for updating a single unique user.");
            assertThat(refused.header("Retry-After")).isEqualTo("10");
            assertThat(refused.header("Zendesk-RateLimit-create-update-user")).isEqualTo("total=5; remaining=0; resets=10");
            assertThat(zendesk.simulator.userByExternalId("c1").orElseThrow().name()).isEqualTo("Ada 5");
            assertThat(zendesk.simulator.stats().rateLimitedBy("user_create_update")).isEqualTo(1);
            assertThat(zendesk.simulator.peakUserWritesPerMinute()).isEqualTo(5);

            var otherUser = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Grace\",\"external_id\":\"c2\"}}");
            assertThat(otherUser.code()).isEqualTo(201);

            zendesk.clock.advance(Duration.ofSeconds(10));
            var afterWait = zendesk.put("/api/v2/users/" + zendesk.simulator.userByExternalId("c1").orElseThrow().id(),
                    "{\"user\":{\"name\":\"Ada 6\"}}");
            assertThat(afterWait.code()).isEqualTo(200);
        }
    }

    @Test
    void account_limit_headers_count_down_and_the_request_over_the_limit_is_429_until_the_minute_turns() {
        try (var zendesk = new SimulatorHarness(SimulatorLimits.defaults().withPlanRequestsPerMinute(3))) {
            for (int remaining = 2; remaining >= 0; remaining--) {
                var reply = zendesk.get("/api/v2/users");
                assertThat(reply.code()).isEqualTo(200);
                assertThat(reply.header("X-Rate-Limit")).isEqualTo("3");
                assertThat(reply.header("X-Rate-Limit-Remaining")).isEqualTo(String.valueOf(remaining));
                assertThat(reply.header("ratelimit-limit")).isEqualTo("3");
                assertThat(reply.header("ratelimit-remaining")).isEqualTo(String.valueOf(remaining));
                assertThat(reply.header("ratelimit-reset")).isEqualTo("55");
            }

            var refused = zendesk.get("/api/v2/users");
            assertThat(refused.code()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("55");
            assertThat(refused.json().at("/error").asText()).isEqualTo("APIRateLimitExceeded");
            assertThat(zendesk.simulator.stats().rateLimitedBy("account")).isEqualTo(1);

            zendesk.clock.advance(Duration.ofSeconds(55));
            var nextMinute = zendesk.get("/api/v2/users");
            assertThat(nextMinute.code()).isEqualTo(200);
            assertThat(nextMinute.header("X-Rate-Limit-Remaining")).isEqualTo("2");
            assertThat(nextMinute.header("ratelimit-reset")).isEqualTo("60");
        }
    }

    @Test
    void more_concurrent_jobs_than_allowed_is_429_until_one_completes() {
        try (var zendesk = new SimulatorHarness(SimulatorLimits.defaults().withConcurrentJobs(1)
                .withJobTimings(Duration.ofSeconds(1), Duration.ofSeconds(200)))) {
            // One row of a full job's 200 s: queued 1 s, working 2 s.
            var bulk = "{\"users\":[{\"name\":\"Ada\",\"external_id\":\"c1\"}]}";
            assertThat(zendesk.post("/api/v2/users/create_or_update_many", bulk).code()).isEqualTo(200);

            var refused = zendesk.post("/api/v2/users/create_or_update_many", bulk);
            assertThat(refused.code()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("3");
            assertThat(zendesk.simulator.stats().rateLimitedBy("jobs")).isEqualTo(1);

            zendesk.clock.advance(Duration.ofSeconds(3));
            assertThat(zendesk.post("/api/v2/users/create_or_update_many", bulk).code()).isEqualTo(200);
        }
    }

    @Test
    void injected_failures_answer_503_with_retry_after_then_stop_and_stats_count_every_answer() {
        try (var zendesk = new SimulatorHarness()) {
            var switched = zendesk.send("POST", "/simulator/faults", "{\"fail_next\":{\"count\":2,\"status\":503,\"retry_after\":7}}", null);
            assertThat(switched.code()).isEqualTo(200);

            var first = zendesk.get("/api/v2/users.json");
            assertThat(first.code()).isEqualTo(503);
            assertThat(first.header("Retry-After")).isEqualTo("7");
            assertThat(zendesk.get("/api/v2/users").code()).isEqualTo(503);
            assertThat(zendesk.get("/api/v2/users").code()).isEqualTo(200);

            var stats = zendesk.send("GET", "/simulator/stats", null, null).json();
            assertThat(stats.at("/requests/GET ~1api~1v2~1users/503").asInt()).isEqualTo(2);
            assertThat(stats.at("/requests/GET ~1api~1v2~1users/200").asInt()).isEqualTo(1);
        }
    }

    @Test
    void unknown_routes_are_404_json_and_bodies_that_are_not_json_are_400() {
        try (var zendesk = new SimulatorHarness()) {
            var unknown = zendesk.get("/api/v2/nothing_here.json");
            assertThat(unknown.code()).isEqualTo(404);
            assertThat(unknown.json().at("/error").asText()).isEqualTo("InvalidEndpoint");

            var notJson = zendesk.post("/api/v2/users/create_or_update", "name=Ada");
            assertThat(notJson.code()).isEqualTo(400);
            assertThat(notJson.json().at("/description").asText()).contains("not valid JSON");
        }
    }
}
