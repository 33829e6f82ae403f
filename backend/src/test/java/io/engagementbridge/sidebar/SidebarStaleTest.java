package io.engagementbridge.sidebar;

import io.engagementbridge.TestBackends;
import io.javalin.testtools.JavalinTest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.engagementbridge.TestBackends.attributesAnswer;
import static io.engagementbridge.TestBackends.dataApiRequest;
import static io.engagementbridge.sidebar.SidebarDataApiTest.open;
import static org.assertj.core.api.Assertions.assertThat;

final class SidebarStaleTest {
    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();

    @Test
    void engagement_down_shows_the_known_profile_marked_with_its_age() {
        engagement.enqueue(new MockResponse.Builder().body(attributesAnswer("Ada", "Lovelace", "London", 10, "Champions", "Gold")).build());
        for (int i = 0; i < 3; i++) {
            engagement.enqueue(new MockResponse.Builder().code(503).body("{}").build());
        }
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = dataApiRequest(engagement.url("/"), "ada@example.com").toString();
            assertThat(open(client, body).body().string()).doesNotContain("eb-stale");
            backends.advance(Duration.ofMinutes(5));
            var started = System.nanoTime();
            var html = open(client, body).body().string();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
            assertThat(html).contains("Champions", "eb-stale", "showing data from 5 min ago");
        });
    }

    @Test
    void refresh_button_bypasses_the_cache_for_that_customer() {
        engagement.enqueue(new MockResponse.Builder().body(attributesAnswer("Ada", "Lovelace", "London", 10, "Champions", "Gold")).build());
        engagement.enqueue(new MockResponse.Builder().body(attributesAnswer("Ada", "Lovelace", "London", 10, "At Risk", "Gold")).build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = dataApiRequest(engagement.url("/"), "ada@example.com");
            open(client, body.toString());
            body.put("refresh", true);
            assertThat(open(client, body.toString()).body().string()).contains("At Risk");
            assertThat(engagement.getRequestCount()).isEqualTo(2);
        });
    }

    @Test
    void failed_refresh_keeps_showing_the_cached_profile() {
        engagement.enqueue(new MockResponse.Builder().body(attributesAnswer("Ada", "Lovelace", "London", 10, "Champions", "Gold")).build());
        for (int i = 0; i < 3; i++) {
            engagement.enqueue(new MockResponse.Builder().code(500).body("{}").build());
        }
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = dataApiRequest(engagement.url("/"), "ada@example.com");
            open(client, body.toString());
            body.put("refresh", true);
            assertThat(open(client, body.toString()).body().string()).contains("Champions").doesNotContain("data-state=\"error\"");
        });
    }
}
