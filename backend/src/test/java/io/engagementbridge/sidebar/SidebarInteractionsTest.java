package io.engagementbridge.sidebar;

import io.engagementbridge.App;
import io.engagementbridge.TestBackends;
import io.javalin.testtools.JavalinTest;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.engagementbridge.TestBackends.attributesAnswer;
import static io.engagementbridge.sidebar.SidebarDataApiTest.open;
import static org.assertj.core.api.Assertions.assertThat;

final class SidebarInteractionsTest {
    private static final long TWO_DAYS_AGO = TestBackends.NOW.minusSeconds(50 * 3600).getEpochSecond();

    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();
    private final List<RecordedRequest> eventsRequests = new CopyOnWriteArrayList<>();

    private void answerEventsWith(MockResponse events) {
        engagement.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().endsWith("/customers/events")) {
                    eventsRequests.add(request);
                    return events;
                }
                return new MockResponse.Builder().body(attributesAnswer("Ada", "Lovelace", "London", 10, "Champions", "Gold")).build();
            }
        });
    }

    private String request() {
        var body = TestBackends.dataApiRequest(engagement.url("/"), "ada@example.com");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("settings")).put("event_types", "purchase, cart_update");
        return body.toString();
    }

    @Test
    void last_five_events_of_the_configured_types_are_asked_for_newest_first() {
        answerEventsWith(new MockResponse.Builder().body("{\"success\":true,\"data\":[]}").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            open(client, request());
            assertThat(App.mapper().readTree(eventsRequests.get(0).getBody().utf8())).isEqualTo(App.mapper().readTree("""
                    {"customer_ids":{"registered":"ada@example.com"},"event_types":["purchase","cart_update"],"order":"desc","limit":5}"""));
        });
    }

    @Test
    void recent_events_show_type_relative_time_and_telling_properties() {
        answerEventsWith(new MockResponse.Builder().body("""
                {"success":true,"data":[{"type":"purchase","timestamp":%d.25,
                 "properties":{"session":"x1","total_price":129.9,"currency":"EUR","product":"Desk lamp","status":"paid"}}]}"""
                .formatted(TWO_DAYS_AGO)).build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, request()).body().string();
            assertThat(html).contains("Recent interactions", "<span class=\"eb-event-type\">Purchase</span>", "2 d ago",
                    "Product: Desk lamp", "Total price: €129.90", "Status: paid").doesNotContain("Session: x1");
        });
    }

    @Test
    void events_without_permission_show_unavailable_while_fields_still_render() {
        answerEventsWith(new MockResponse.Builder().code(403).body("{\"success\":false,\"error\":\"No permission\"}").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, request()).body().string();
            assertThat(html).contains("Champions", "Recent interactions", "title=\"FORBIDDEN\">unavailable");
        });
    }

    @Test
    void no_event_types_means_no_events_call_and_no_section() {
        answerEventsWith(new MockResponse.Builder().body("{\"success\":true,\"data\":[]}").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, TestBackends.dataApiRequest(engagement.url("/"), "ada@example.com").toString()).body().string();
            assertThat(html).doesNotContain("Recent interactions");
            assertThat(eventsRequests).isEmpty();
        });
    }
}
