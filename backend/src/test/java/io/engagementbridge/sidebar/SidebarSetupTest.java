package io.engagementbridge.sidebar;

import io.engagementbridge.TestBackends;
import io.javalin.testtools.JavalinTest;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class SidebarSetupTest {
    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();

    @Test
    void unfilled_secure_placeholders_are_named_for_an_admin() {
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = client.post(SidebarController.PATH, TestBackends.dataApiRequest(engagement.url("/"), "ada@example.com").toString(),
                    req -> req.header(SecureHeaders.KEY_ID, "{{setting.engagement_api_key_id}}")
                            .header(SecureHeaders.KEY_SECRET, "{{setting.engagement_api_key_secret}}")).body().string();
            assertThat(html).contains("data-state=\"misconfigured\"", "engagement_api_key_id: Zendesk did not fill in the secure API key ID",
                    "engagement_api_key_secret:");
            assertThat(engagement.getRequestCount()).isZero();
        });
    }

    @Test
    void an_agent_who_is_not_admin_sees_one_line_about_setup() {
        var body = TestBackends.dataApiRequest(engagement.url("/"), "ada@example.com");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("agent")).put("role", "agent");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("settings")).put("fields", "not json");
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = SidebarDataApiTest.open(client, body.toString()).body().string();
            assertThat(html).contains("Ask your Zendesk admin to finish setting up Engagement Bridge.").doesNotContain("fields:");
        });
    }

    @Test
    void malformed_body_gets_400_with_a_short_message() {
        JavalinTest.test(backends.app(), (server, client) -> {
            var response = SidebarDataApiTest.open(client, "{not json");
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.body().string()).contains("The request body is not valid JSON.").doesNotContain("Exception");
        });
    }

    @Test
    void requester_without_email_asks_to_choose_a_requester() {
        var body = TestBackends.dataApiRequest(engagement.url("/"), "");
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = SidebarDataApiTest.open(client, body.toString()).body().string();
            assertThat(html).contains("data-state=\"no-requester\"");
            assertThat(engagement.getRequestCount()).isZero();
        });
    }

    @Test
    void html_responses_forbid_sniffing_and_scripts() {
        JavalinTest.test(backends.app(), (server, client) -> {
            var response = SidebarDataApiTest.open(client, "{}");
            assertThat(response.headers().get("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(response.headers().get("Content-Security-Policy")).singleElement().asString().contains("default-src 'none'");
            assertThat(response.headers().get("Content-Type")).singleElement().asString().startsWith("text/html");
        });
    }
}
