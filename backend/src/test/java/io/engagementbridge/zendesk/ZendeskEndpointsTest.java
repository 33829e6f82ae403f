package io.engagementbridge.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.App;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.engagementbridge.zendesk.ZendeskFixtures.USER;
import static io.engagementbridge.zendesk.ZendeskFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each endpoint method sends and what it makes of the answer. */
final class ZendeskEndpointsTest {
    @StartStop
    private final MockWebServer zendesk = new MockWebServer();

    private ZendeskClient client() {
        return ZendeskFixtures.apiTokenClient(zendesk);
    }

    private static JsonNode body(RecordedRequest request) throws Exception {
        return App.mapper().readTree(request.getBody().utf8());
    }

    private static String line(RecordedRequest request) {
        return request.getMethod() + " " + request.getTarget();
    }

    @Test
    void create_or_update_tells_a_created_user_from_an_updated_one() throws Exception {
        zendesk.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "/api/v2/users/35436.json").body(USER).build());
        zendesk.enqueue(json(200, USER));
        var user = App.mapper().createObjectNode().put("name", "Roger Wilco").put("external_id", "account_12345");

        var first = client().createOrUpdateUser(user);
        var second = client().createOrUpdateUser(user);

        assertThat(first.created()).isTrue();
        assertThat(first.id()).isEqualTo(35436);
        assertThat(second.created()).isFalse();
        var request = zendesk.takeRequest();
        assertThat(line(request)).isEqualTo("POST /api/v2/users/create_or_update");
        assertThat(body(request).path("user").path("external_id").asText()).isEqualTo("account_12345");
    }

    @Test
    void show_many_and_searches_ask_by_the_given_identifiers() throws Exception {
        zendesk.enqueue(json(200, "{\"users\":[{\"id\":1},{\"id\":2}]}"));
        zendesk.enqueue(json(200, "{\"users\":[{\"id\":3}]}"));
        zendesk.enqueue(json(200, "{\"users\":[{\"id\":4}]}"));
        zendesk.enqueue(json(200, "{\"users\":[{\"id\":5,\"email\":\"jane@example.com\"},{\"id\":6,\"email\":\"jane@example.com.evil\"}]}"));

        assertThat(client().showManyUsersByIds(List.of(1L, 2L))).hasSize(2);
        assertThat(client().showManyUsersByExternalIds(List.of("a-1", "b 2"))).hasSize(1);
        assertThat(client().searchUsersByExternalId("a-1")).hasSize(1);
        assertThat(client().searchUsersByEmail("jane@example.com")).extracting(u -> u.path("id").asLong()).containsExactly(5L);

        assertThat(zendesk.takeRequest().getUrl().queryParameter("ids")).isEqualTo("1,2");
        assertThat(zendesk.takeRequest().getUrl().queryParameter("external_ids")).isEqualTo("a-1,b 2");
        assertThat(zendesk.takeRequest().getUrl().queryParameter("external_id")).isEqualTo("a-1");
        assertThat(zendesk.takeRequest().getUrl().queryParameter("query")).isEqualTo("email:\"jane@example.com\"");
    }

    @Test
    void bulk_upsert_sends_at_most_a_hundred_users_and_returns_the_job() throws Exception {
        var users = new ArrayList<JsonNode>();
        for (int i = 0; i < 101; i++) {
            users.add(App.mapper().createObjectNode().put("external_id", "u" + i).put("name", "User " + i));
        }
        assertThatThrownBy(() -> client().createOrUpdateManyUsers(users)).hasMessageContaining("1 to 100");
        zendesk.enqueue(json(200, "{\"job_status\":{\"id\":\"8b726e606741012ffc2d782bcb7848fe\",\"status\":\"queued\",\"total\":100,\"progress\":0,\"results\":null}}"));

        var job = client().createOrUpdateManyUsers(users.subList(0, 100));

        assertThat(job.id()).isEqualTo("8b726e606741012ffc2d782bcb7848fe");
        assertThat(job.finished()).isFalse();
        var request = zendesk.takeRequest();
        assertThat(line(request)).isEqualTo("POST /api/v2/users/create_or_update_many");
        assertThat(body(request).path("users")).hasSize(100);
        assertThat(zendesk.getRequestCount()).isEqualTo(1);
    }

    @Test
    void ticket_create_sends_the_idempotency_key_and_reports_a_replay() throws Exception {
        zendesk.enqueue(new MockResponse.Builder().code(201).addHeader("x-idempotency-lookup", "miss").body("{\"ticket\":{\"id\":77}}").build());
        zendesk.enqueue(new MockResponse.Builder().code(201).addHeader("x-idempotency-lookup", "hit").body("{\"ticket\":{\"id\":77}}").build());
        var ticket = App.mapper().createObjectNode().put("subject", "Order late");

        var first = client().createTicket("order-123-late", ticket);
        var replay = client().createTicket("order-123-late", ticket);

        assertThat(first.replayed()).isFalse();
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.id()).isEqualTo(77);
        var request = zendesk.takeRequest();
        assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo("order-123-late");
        assertThat(body(request).path("ticket").path("subject").asText()).isEqualTo("Order late");
    }

    @Test
    void safe_update_sends_the_stamp_it_was_given() throws Exception {
        zendesk.enqueue(json(200, "{\"ticket\":{\"id\":7,\"priority\":\"urgent\"}}"));

        client().safeUpdateTicket(7, "2026-11-21T10:00:00Z", App.mapper().createObjectNode().put("priority", "urgent"));

        var request = zendesk.takeRequest();
        assertThat(line(request)).isEqualTo("PUT /api/v2/tickets/7");
        var ticket = body(request).path("ticket");
        assertThat(ticket.path("safe_update").asBoolean()).isTrue();
        assertThat(ticket.path("updated_stamp").asText()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(ticket.path("priority").asText()).isEqualTo("urgent");
    }

    @Test
    void user_fields_are_listed_across_every_page() throws Exception {
        zendesk.enqueue(json(200, "{\"user_fields\":[{\"key\":\"tier\"}],\"meta\":{\"has_more\":true,\"after_cursor\":\"xxx\"},\"links\":{\"next\":\""
                + zendesk.url("/api/v2/user_fields?page%5Bsize%5D=100&page%5Bafter%5D=xxx") + "\"}}"));
        zendesk.enqueue(json(200, "{\"user_fields\":[{\"key\":\"ltv\"}],\"meta\":{\"has_more\":false},\"links\":{\"next\":null}}"));

        assertThat(client().listUserFields()).extracting(f -> f.path("key").asText()).containsExactly("tier", "ltv");

        assertThat(zendesk.takeRequest().getUrl().queryParameter("page[size]")).isEqualTo("100");
        assertThat(zendesk.takeRequest().getUrl().queryParameter("page[after]")).isEqualTo("xxx");
    }

    @Test
    void a_next_page_link_to_another_host_is_not_followed() {
        zendesk.enqueue(json(200, "{\"user_fields\":[],\"meta\":{\"has_more\":true},\"links\":{\"next\":\"https://collector.example/steal\"}}"));

        assertThatThrownBy(() -> client().listUserFields()).isInstanceOf(ZendeskException.class);
        assertThat(zendesk.getRequestCount()).isEqualTo(1);
    }

    @Test
    void user_field_create_and_delete_hit_their_endpoints() throws Exception {
        zendesk.enqueue(json(201, "{\"user_field\":{\"id\":75,\"key\":\"tier\",\"type\":\"dropdown\"}}"));
        zendesk.enqueue(new MockResponse.Builder().code(204).build());

        var field = client().createUserField(App.mapper().createObjectNode().put("key", "tier").put("type", "dropdown").put("title", "Tier"));
        client().deleteUserField(field.path("id").asLong());

        var create = zendesk.takeRequest();
        assertThat(line(create)).isEqualTo("POST /api/v2/user_fields");
        assertThat(body(create).path("user_field").path("key").asText()).isEqualTo("tier");
        assertThat(line(zendesk.takeRequest())).isEqualTo("DELETE /api/v2/user_fields/75");
    }

    @Test
    void any_other_endpoint_goes_through_send() throws Exception {
        zendesk.enqueue(json(201, "{\"webhook\":{\"id\":\"01GDXYD7ZTWYP6QKTC8JC2RNAB\"}}"));
        var webhook = App.mapper().createObjectNode();
        webhook.putObject("webhook").put("name", "Bridge").put("endpoint", "https://bridge.example/v1/zendesk/webhook/c1");

        var reply = client().send(new ZendeskRequest("POST", "/api/v2/webhooks", Map.of("dry_run", "false"), webhook, Map.of()));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().path("webhook").path("id").asText()).isEqualTo("01GDXYD7ZTWYP6QKTC8JC2RNAB");
        var request = zendesk.takeRequest();
        assertThat(line(request)).isEqualTo("POST /api/v2/webhooks?dry_run=false");
        assertThat(body(request).path("webhook").path("name").asText()).isEqualTo("Bridge");
    }
}
