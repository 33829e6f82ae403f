package io.engagementbridge.sidebar;

import io.engagementbridge.App;
import io.engagementbridge.TestBackends;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.engagementbridge.TestBackends.KEY_ID;
import static io.engagementbridge.TestBackends.SECRET;
import static io.engagementbridge.TestBackends.attributesAnswer;
import static io.engagementbridge.TestBackends.dataApiRequest;
import static org.assertj.core.api.Assertions.assertThat;

final class SidebarDataApiTest {
    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();

    static Response open(io.javalin.testtools.HttpClient client, String body) {
        return client.post(SidebarController.PATH, body, req -> req
                .header("Content-Type", "application/json")
                .header(SecureHeaders.KEY_ID, KEY_ID)
                .header(SecureHeaders.KEY_SECRET, SECRET));
    }

    @Test
    void upstream_request_is_signed_and_sends_attributes_without_labels_or_roles() {
        engagement.enqueue(new MockResponse.Builder().body(attributesAnswer("Ada", "Lovelace", "London", 12845.5, "Champions", "Platinum")).build());
        JavalinTest.test(backends.app(), (server, client) -> {
            open(client, dataApiRequest(engagement.url("/"), "ada@example.com").toString());
            var recorded = engagement.takeRequest();
            assertThat(recorded.getMethod()).isEqualTo("POST");
            assertThat(recorded.getTarget()).isEqualTo("/data/v2/projects/cc7cc3c6-6b36-a11b-ffaa-52f58fe58f19/customers/attributes");
            assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString((KEY_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8)));
            assertThat(App.mapper().readTree(recorded.getBody().utf8())).isEqualTo(App.mapper().readTree("""
                    {"customer_ids":{"registered":"ada@example.com"},
                     "attributes":[{"type":"property","property":"first_name"},{"type":"property","property":"last_name"},
                                   {"type":"property","property":"city"},{"type":"aggregate","id":"64b7f0a1c2d3e4f5a6b7c8d9"},
                                   {"type":"property","property":"rfm_segment"},{"type":"property","property":"loyalty_tier"}]}"""));
        });
    }

    @Test
    void profile_shows_name_and_ltv_rfm_loyalty_first_with_ltv_as_money() {
        engagement.enqueue(new MockResponse.Builder().body(attributesAnswer("Ada", "Lovelace", "London", 12845.5, "Champions", "Platinum")).build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, dataApiRequest(engagement.url("/"), "ada@example.com").toString()).body().string();
            assertThat(html).contains("data-state=\"profile\"", "<h2 class=\"eb-name\">Ada Lovelace</h2>", "Customer value");
            assertThat(html).containsSubsequence("Lifetime value", "$12,845.50", "RFM segment", "Champions",
                    "Loyalty tier", "Platinum", "First name", "Ada", "City", "London");
        });
    }

    @Test
    void second_open_of_the_same_customer_is_served_from_cache() {
        engagement.enqueue(new MockResponse.Builder().body(attributesAnswer("Ada", "Lovelace", "London", 1, "Champions", "Gold")).build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = dataApiRequest(engagement.url("/"), "ada@example.com").toString();
            var first = open(client, body).body().string();
            var second = open(client, body).body().string();
            assertThat(second).isEqualTo(first).contains("Champions");
            assertThat(engagement.getRequestCount()).isEqualTo(1);
        });
    }

    @Test
    void caller_with_another_secret_never_gets_the_cached_profile() {
        engagement.enqueue(new MockResponse.Builder().body(attributesAnswer("Ada", "Lovelace", "London", 1, "Champions", "Gold")).build());
        engagement.enqueue(new MockResponse.Builder().code(401).body("{\"success\":false,\"error\":\"Could not authenticate\"}").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = dataApiRequest(engagement.url("/"), "ada@example.com").toString();
            open(client, body);
            var intruder = client.post(SidebarController.PATH, body, req -> req
                    .header(SecureHeaders.KEY_ID, KEY_ID).header(SecureHeaders.KEY_SECRET, "guessed-secret")).body().string();
            assertThat(intruder).doesNotContain("Champions").contains("did not accept the API key");
            assertThat(engagement.getRequestCount()).isEqualTo(2);
        });
    }

    @Test
    void unknown_customer_shows_not_found_message() {
        engagement.enqueue(new MockResponse.Builder().code(404)
                .body("{\"errors\":{\"_global\":[\"Customer does not exist\"]},\"success\":false}").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, dataApiRequest(engagement.url("/"), "nobody@example.com").toString()).body().string();
            assertThat(html).contains("data-state=\"not-found\"", "No Engagement customer found", "nobody@example.com");
        });
    }

    @Test
    void customer_missing_reported_with_http_200_is_also_not_found() {
        engagement.enqueue(new MockResponse.Builder()
                .body("{\"errors\":{\"_global\":[\"Customer does not exist\"]},\"success\":false}").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, dataApiRequest(engagement.url("/"), "nobody@example.com").toString()).body().string();
            assertThat(html).contains("data-state=\"not-found\"");
        });
    }

    @Test
    void field_without_permission_is_shown_unavailable_while_others_render() {
        engagement.enqueue(new MockResponse.Builder().body("""
                {"success":true,"results":[{"success":true,"value":"Ada"},{"success":true,"value":"Lovelace"},
                 {"success":false,"error":"No permission"},{"success":true,"value":10},
                 {"success":true,"value":"Champions"},{"success":true,"value":"Gold"}]}""").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, dataApiRequest(engagement.url("/"), "ada@example.com").toString()).body().string();
            assertThat(html).contains("<span class=\"eb-unavailable\" title=\"No permission\">unavailable</span>", "Champions");
        });
    }

    @Test
    void rejected_key_tells_an_admin_which_settings_to_check() {
        engagement.enqueue(new MockResponse.Builder().code(401).body("{\"success\":false,\"error\":\"Could not authenticate\"}").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, dataApiRequest(engagement.url("/"), "ada@example.com").toString()).body().string();
            assertThat(html).contains("data-state=\"error\"", "Engagement did not accept the API key.", "Check the API key ID and secret");
        });
    }

    @Test
    void engagement_outage_offers_a_retry_and_is_not_cached() {
        for (int attempt = 0; attempt < 3; attempt++) {
            engagement.enqueue(new MockResponse.Builder().code(503).body("{\"success\":false}").build());
        }
        engagement.enqueue(new MockResponse.Builder().body(attributesAnswer("Ada", "Lovelace", "London", 1, "Champions", "Gold")).build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = dataApiRequest(engagement.url("/"), "ada@example.com").toString();
            assertThat(open(client, body).body().string()).contains("not responding properly", "data-eb-action=\"retry\"");
            assertThat(open(client, body).body().string()).contains("Champions");
        });
    }

    @Test
    void hostile_engagement_values_are_escaped() {
        engagement.enqueue(new MockResponse.Builder().body(attributesAnswer("<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>",
                "London", 1, "<b>Champions</b>", "Gold")).build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, dataApiRequest(engagement.url("/"), "ada@example.com").toString()).body().string();
            assertThat(html).doesNotContain("<script>", "<img src=x", "<b>Champions").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        });
    }

    @Test
    void secret_never_appears_in_any_response() {
        engagement.enqueue(new MockResponse.Builder().code(401).body("{\"success\":false,\"error\":\"Could not authenticate\"}").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var response = open(client, dataApiRequest(engagement.url("/"), "ada@example.com").toString());
            assertThat(response.body().string()).doesNotContain(SECRET, KEY_ID);
            assertThat(response.headers().toString()).doesNotContain(SECRET);
        });
    }
}
