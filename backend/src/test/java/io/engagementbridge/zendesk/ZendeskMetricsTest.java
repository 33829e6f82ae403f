package io.engagementbridge.zendesk;

import io.engagementbridge.observability.Metrics;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** What an operator sees in /metrics of the bridge's Zendesk calls: by endpoint (ids folded) and status, and 429s by limit. */
final class ZendeskMetricsTest {
    @StartStop
    private final MockWebServer zendesk = new MockWebServer();

    @Test
    void calls_are_counted_by_endpoint_and_status_and_429s_by_the_limit_that_ran_out() {
        var metrics = new Metrics();
        var client = ZendeskFixtures.client(zendesk, new ZendeskAuth.ApiToken("admin@acme.example", ZendeskFixtures.API_TOKEN),
                new InMemoryTokenVault(), metrics.zendeskCalls(), new io.engagementbridge.ManualClock(ZendeskFixtures.NOW));
        zendesk.enqueue(ZendeskFixtures.json(200, ZendeskFixtures.USER));
        zendesk.enqueue(ZendeskFixtures.json(200, ZendeskFixtures.USER));
        zendesk.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "27").addHeader("Content-Type", "text/plain; charset=UTF-8")
                .body("You have exceeded the rate limit for updating a single unique user. user email:  id:  external_id:").build());

        client.showUser(35436);
        client.showUser(99);
        catchThrowable(() -> client.createOrUpdateUser(io.engagementbridge.App.mapper().createObjectNode().put("email", "a@b.c")));

        assertThat(metrics.scrape()).contains(
                "zendesk_calls_total{endpoint=\"GET /api/v2/users/{id}\",status=\"200\"} 2.0",
                "zendesk_calls_total{endpoint=\"POST /api/v2/users/create_or_update\",status=\"429\"} 1.0",
                "zendesk_rate_limited_total{limit=\"user_writes\"} 1.0");
    }
}
