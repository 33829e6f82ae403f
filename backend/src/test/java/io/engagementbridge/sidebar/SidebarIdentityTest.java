package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.App;
import io.engagementbridge.TestBackends;
import io.javalin.testtools.JavalinTest;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.engagementbridge.TestBackends.attributesAnswer;
import static io.engagementbridge.sidebar.SidebarDataApiTest.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

final class SidebarIdentityTest {
    private static final String MISSING = "{\"errors\":{\"_global\":[\"Customer does not exist\"]},\"success\":false}";

    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();
    private final List<String> askedFor = new CopyOnWriteArrayList<>();

    /** Engagement knows exactly these identifiers ("name=value"), each with its own answer. */
    private void engagementKnows(Map<String, String> answers) {
        engagement.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                try {
                    var ids = App.mapper().readTree(request.getBody().utf8()).path("customer_ids").fields().next();
                    var asked = ids.getKey() + "=" + ids.getValue().asText();
                    askedFor.add(asked);
                    var answer = answers.get(asked);
                    return answer == null ? new MockResponse.Builder().code(404).body(MISSING).build() : new MockResponse.Builder().body(answer).build();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    private String request(String primary, List<String> others, String externalId) {
        var body = TestBackends.dataApiRequest(engagement.url("/"), primary);
        var requester = (ObjectNode) body.get("requester");
        var emails = requester.putArray("emails");
        others.forEach(emails::add);
        if (externalId != null) {
            requester.put("externalId", externalId);
        }
        ((ObjectNode) body.get("settings")).put("external_id_name", "external_id");
        return body.toString();
    }

    @Test
    void every_identifier_is_asked_and_the_first_in_order_that_matches_wins() {
        engagementKnows(Map.of("external_id=C-7", attributesAnswer("Ada", "Lovelace", "London", 1, "Champions", "Gold")));
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, request("Ada@Example.com", List.of("ada@work.example"), "C-7")).body().string();
            assertThat(askedFor).containsExactlyInAnyOrder("registered=Ada@Example.com", "registered=ada@example.com",
                    "registered=ada@work.example", "external_id=C-7");
            assertThat(html).contains("Matched on C-7 (external_id)", "Champions");
        });
    }

    @Test
    void email_stored_in_lower_case_is_found_from_zendesks_mixed_case() {
        engagementKnows(Map.of("registered=ada@example.com", attributesAnswer("Ada", "Lovelace", "London", 1, "Champions", "Gold")));
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, request("  Ada@Example.com ", List.of(), null)).body().string();
            assertThat(html).contains("Matched on ada@example.com (registered)").doesNotContain("eb-ambiguous");
        });
    }

    @Test
    void an_email_found_as_given_is_not_asked_for_again_in_lower_case() {
        engagementKnows(Map.of("registered=Ada@Example.com", attributesAnswer("Ada", "Lovelace", "London", 1, "Champions", "Gold")));
        JavalinTest.test(backends.app(), (server, client) -> {
            assertThat(open(client, request("Ada@Example.com", List.of(), null)).body().string()).contains("Champions");
            assertThat(askedFor).containsExactly("registered=Ada@Example.com");
        });
    }

    @Test
    void identifiers_leading_to_different_customers_show_the_first_and_say_so() {
        engagementKnows(Map.of(
                "registered=ada@example.com", attributesAnswer("Ada", "Lovelace", "London", 1, "Champions", "Gold"),
                "registered=shared@family.example", attributesAnswer("Byron", "Lovelace", "Newstead", 5, "At Risk", "Bronze")));
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = request("ada@example.com", List.of("shared@family.example"), null);
            assertThat(open(client, body).body().string()).contains("Ada Lovelace", "Champions").doesNotContain("At Risk");
            // The front end asks again while the page says data-recheck; by then the other e-mail has answered.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(open(client, body).body().string())
                    .contains("Ada Lovelace", "Also matches a different customer via shared@family.example").doesNotContain("At Risk", "data-recheck"));
        });
    }

    @Test
    void a_slow_second_email_does_not_hold_back_the_profile_found_by_the_primary_one() {
        var secondEmail = new CountDownLatch(1);
        var answers = Map.of(
                "registered=ada@example.com", attributesAnswer("Ada", "Lovelace", "London", 1, "Champions", "Gold"),
                "registered=shared@family.example", attributesAnswer("Byron", "Lovelace", "Newstead", 5, "At Risk", "Bronze"));
        engagement.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                var asked = request.getBody().utf8();
                if (asked.contains("shared@family.example")) {
                    // Held for less than the sidebar deadline: a resolver that waited for it would show its answer.
                    secondEmail.await(4, TimeUnit.SECONDS);
                }
                var answer = answers.entrySet().stream().filter(entry -> asked.contains(entry.getKey().substring("registered=".length())))
                        .map(Map.Entry::getValue).findFirst();
                return answer.map(a -> new MockResponse.Builder().body(a).build())
                        .orElseGet(() -> new MockResponse.Builder().code(404).body(MISSING).build());
            }
        });
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = request("ada@example.com", List.of("shared@family.example"), null);
            var first = open(client, body).body().string();
            secondEmail.countDown();

            assertThat(first).contains("Ada Lovelace", "data-recheck=\"identifiers\"").doesNotContain("eb-ambiguous");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(open(client, body).body().string()).contains("eb-ambiguous"));
        });
    }

    @Test
    void nobody_matching_any_identifier_is_not_found_for_the_primary_email() {
        engagementKnows(Map.of());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, request("nobody@example.com", List.of("alt@example.com"), "X-1")).body().string();
            assertThat(html).contains("data-state=\"not-found\"", "nobody@example.com");
        });
    }

    @Test
    void a_reused_page_never_carries_another_requesters_ambiguity_note() {
        engagementKnows(Map.of(
                "registered=ada@example.com", attributesAnswer("Ada", "Lovelace", "London", 1, "Champions", "Gold"),
                "registered=shared@family.example", attributesAnswer("Byron", "Lovelace", "Newstead", 5, "At Risk", "Bronze")));
        JavalinTest.test(backends.app(), (server, client) -> {
            var both = request("ada@example.com", List.of("shared@family.example"), null);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(open(client, both).body().string()).contains("eb-ambiguous"));
            assertThat(open(client, request("ada@example.com", List.of(), null)).body().string()).contains("Champions").doesNotContain("eb-ambiguous");
        });
    }
}
