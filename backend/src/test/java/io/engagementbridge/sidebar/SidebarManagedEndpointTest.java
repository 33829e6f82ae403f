package io.engagementbridge.sidebar;

import io.engagementbridge.App;
import io.engagementbridge.TestBackends;
import io.javalin.testtools.JavalinTest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import static io.engagementbridge.sidebar.SidebarDataApiTest.open;
import static org.assertj.core.api.Assertions.assertThat;

final class SidebarManagedEndpointTest {
    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();

    private String request(String email) {
        var body = TestBackends.dataApiRequest(engagement.url("/"), email);
        var settings = (com.fasterxml.jackson.databind.node.ObjectNode) body.get("settings");
        settings.remove("fields");
        settings.put("customer_id_name", "email_id");
        settings.put("managed_endpoint_url", engagement.url("/webxp/s/demo-project/managed-endpoints/sidebar-me").toString());
        return body.toString();
    }

    @Test
    void managed_endpoint_receives_customer_ids_with_basic_auth() {
        engagement.enqueue(new MockResponse.Builder().body("{\"Name\":\"Ada\"}").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            open(client, request("ada@example.com"));
            var recorded = engagement.takeRequest();
            assertThat(recorded.getTarget()).isEqualTo("/webxp/s/demo-project/managed-endpoints/sidebar-me");
            assertThat(recorded.getHeaders().get("Authorization")).startsWith("Basic ");
            assertThat(App.mapper().readTree(recorded.getBody().utf8()))
                    .isEqualTo(App.mapper().readTree("{\"customer_ids\":{\"email_id\":\"ada@example.com\"}}"));
        });
    }

    @Test
    void managed_endpoint_object_becomes_rows_in_its_key_order() {
        engagement.enqueue(new MockResponse.Builder().body("{\"Zeta\":\"last letter\",\"Alpha\":\"first letter\",\"Orders\":7}").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, request("ada@example.com")).body().string();
            assertThat(html).containsSubsequence("Zeta", "last letter", "Alpha", "first letter", "Orders", "7");
        });
    }

    @Test
    void managed_endpoint_answering_with_a_list_gets_an_admin_message() {
        engagement.enqueue(new MockResponse.Builder().body("[1,2,3]").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, request("ada@example.com")).body().string();
            assertThat(html).contains("data-state=\"error\"", "its template must render a JSON object");
        });
    }

    @Test
    void html_key_keeps_safe_markup_and_loses_everything_executable() {
        engagement.enqueue(new MockResponse.Builder().body("""
                {"Name":"Ada","html":"<b>Recommended:</b><ul><li><a href='https://shop.example/p/1' onclick='alert(1)'>Lamp</a></li></ul>\
                <img src='https://cdn.example/lamp.png' onerror='alert(2)'><img src='javascript:alert(3)'><script>alert(4)</script>\
                <a href='javascript:alert(5)'>x</a><div style='background:url(javascript:alert(6))'>styled</div>"}""").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, request("ada@example.com")).body().string();
            assertThat(html).contains("<div class=\"eb-html\"><b>Recommended:</b>", "href=\"https://shop.example/p/1\"",
                    "src=\"https://cdn.example/lamp.png\"", "styled");
            assertThat(html).doesNotContain("onclick", "onerror", "javascript:", "<script", "alert(4)", "style=");
        });
    }
}
