package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.App;
import io.engagementbridge.TestBackends;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import static io.engagementbridge.TestBackends.KEY_ID;
import static io.engagementbridge.TestBackends.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

final class SidebarConnectionTest {
    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();

    private Response test(HttpClient client, String role) {
        var body = TestBackends.dataApiRequest(engagement.url("/"), "ada@example.com");
        ((ObjectNode) body.get("agent")).put("role", role);
        return client.post(SidebarController.TEST_CONNECTION_PATH, body.toString(),
                req -> req.header(SecureHeaders.KEY_ID, KEY_ID).header(SecureHeaders.KEY_SECRET, SECRET));
    }

    private void answer(int code, String body) {
        engagement.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    @Test
    void probe_asks_for_an_id_of_a_customer_that_does_not_exist() {
        answer(404, "{\"errors\":{\"_global\":[\"Customer does not exist\"]},\"success\":false}");
        JavalinTest.test(backends.app(), (server, client) -> {
            assertThat(test(client, "admin").body().string()).contains("data-state=\"connection-ok\"", "Credentials OK");
            assertThat(App.mapper().readTree(engagement.takeRequest().getBody().utf8())).isEqualTo(App.mapper().readTree("""
                    {"customer_ids":{"registered":"engagement-bridge-connection-test"},"attributes":[{"type":"id","id":"registered"}]}"""));
        });
    }

    @Test
    void rejected_key_pair_is_reported_as_401() {
        answer(401, "{\"success\":false,\"error\":\"Could not authenticate\"}");
        JavalinTest.test(backends.app(), (server, client) ->
                assertThat(test(client, "admin").body().string()).contains("connection-failed", "rejected the API key ID or secret (401)"));
    }

    @Test
    void missing_permission_says_which_to_grant() {
        answer(403, "{\"success\":false,\"error\":\"Forbidden\"}");
        JavalinTest.test(backends.app(), (server, client) ->
                assertThat(test(client, "admin").body().string()).contains("lacks permission (403)", "Customer properties › Get"));
    }

    @Test
    void wrong_project_token_is_named() {
        answer(400, "{\"success\":false,\"error\":\"Invalid project id\"}");
        JavalinTest.test(backends.app(), (server, client) ->
                assertThat(test(client, "admin").body().string()).contains("does not know this project token"));
    }

    @Test
    void unreachable_host_is_named() {
        var dead = engagement.url("/");
        engagement.close();
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = TestBackends.dataApiRequest(dead, "ada@example.com");
            var html = client.post(SidebarController.TEST_CONNECTION_PATH, body.toString(),
                    req -> req.header(SecureHeaders.KEY_ID, KEY_ID).header(SecureHeaders.KEY_SECRET, SECRET)).body().string();
            assertThat(html).contains("could not be reached");
        });
    }

    @Test
    void agents_who_are_not_admins_cannot_run_it() {
        JavalinTest.test(backends.app(), (server, client) -> {
            var response = test(client, "agent");
            assertThat(response.code()).isEqualTo(403);
            assertThat(response.body().string()).contains("Only Zendesk admins");
            assertThat(engagement.getRequestCount()).isZero();
        });
    }

    @Test
    void admin_error_view_offers_the_test_button() {
        for (int i = 0; i < 3; i++) {
            answer(503, "{}");
        }
        JavalinTest.test(backends.app(), (server, client) -> assertThat(SidebarDataApiTest.open(client,
                TestBackends.dataApiRequest(engagement.url("/"), "ada@example.com").toString()).body().string())
                .contains("data-eb-action=\"test-connection\""));
    }
}
