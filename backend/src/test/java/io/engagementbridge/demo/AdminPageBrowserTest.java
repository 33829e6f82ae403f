package io.engagementbridge.demo;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.priority.ProvisionConnection;
import io.engagementbridge.work.WorkState;
import io.engagementbridge.zendesk.ZendeskRequest;
import okhttp3.MediaType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin opens the app from Zendesk's nav bar: panels filled by the demo's own flows, Repair and Replay act on Zendesk. */
final class AdminPageBrowserTest {
    private static final String VIP_TRIGGER = "Engagement Bridge: VIP";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();
    private final AdminPage page = new AdminPage(workspace);

    private boolean vipTriggerInZendesk() {
        return workspace.demo().zendeskApi().triggers().stream().anyMatch(t -> t.title().equals(VIP_TRIGGER));
    }

    private void deleteVipTrigger(Connection connection) {
        var trigger = workspace.demo().zendeskApi().triggers().stream().filter(t -> t.title().equals(VIP_TRIGGER)).findFirst().orElseThrow();
        page.zendeskAs(connection).send(ZendeskRequest.delete("/api/v2/triggers/" + trigger.id()));
        assertThat(vipTriggerInZendesk()).isFalse();
    }

    @Test
    void admin_sees_the_connection_tiers_sync_and_limits_that_the_demo_produced() {
        page.connected();
        page.open("");

        assertThat(page.text("#eb-panel-connection")).contains("Connected to " + workspace.demo().zendeskApiUrl(), "OAuth, approved by an admin",
                "Created in Zendesk");
        assertThat(page.text("#eb-panel-connection .eb-admin-provisioned")).contains("Trigger", "View", "User field", "eb_customer_tier");
        var openTickets = workspace.demo().zendeskApi().tickets().stream().filter(t -> !t.status().equals("solved") && !t.status().equals("closed")).count();
        assertThat(page.text("#eb-panel-tiers")).contains("No tier yet", String.valueOf(openTickets), "Requesters of open tickets without a tier");
        assertThat(page.text("#eb-panel-sync")).contains(ProvisionConnection.KIND);
        assertThat(page.text("#eb-panel-relay")).contains("Nothing has run yet.");
        assertThat(page.text("#eb-limits-summary")).matches("Peak [1-9]\\d* of 700 Zendesk requests/min, 0 429s and \\d+ Engagement calls in the last hour\\.");
        assertThat(page.inPage("#eb-limits-chart canvas")).as("the chart is drawn").isTrue();
        assertThat(page.inPage("#eb-alerts")).as("nothing needs attention").isFalse();
    }

    @Test
    void repair_restores_a_trigger_deleted_in_zendesk() {
        var connection = page.connected();
        deleteVipTrigger(connection);
        page.open("");

        page.click("[data-eb-action='repair']");

        workspace.browser().await("the VIP trigger back in Zendesk", WAIT, () -> vipTriggerInZendesk() ? true : null);
        page.awaitLoaded();
        assertThat(page.text("#eb-panel-connection")).contains("Repair queued.");
    }

    @Test
    void a_new_cdp_token_is_shown_once_lets_the_cdp_write_a_user_into_zendesk_and_retires_the_previous_one() throws IOException {
        page.connected();
        page.open("");

        var first = mintCdpToken();
        var second = mintCdpToken();
        var events = "http://127.0.0.1:" + workspace.demo().backendPort() + "/v1/cdp/events";
        var identify = "{\"type\":\"identify\",\"messageId\":\"admin-token-1\",\"userId\":\"cdp-admin-token-user\","
                + "\"traits\":{\"email\":\"token.user@example.com\",\"name\":\"Token User\"}}";

        assertThat(post(events, first, identify)).as("the retired token").startsWith("401 ");
        assertThat(post(events, second, identify)).startsWith("200 ").contains("accepted");
        workspace.browser().await("the CDP's user in Zendesk", WAIT, () -> workspace.demo().zendeskApi().users().stream()
                .anyMatch(u -> u.email().equals("token.user@example.com") && "cdp-admin-token-user".equals(u.externalId())) ? true : null);
        page.refresh();
        assertThat(page.inPage("#eb-admin-cdp-token")).as("the token is shown once").isFalse();
        assertThat(page.text("#eb-admin-cdp")).contains("/v1/cdp/events", "/v1/cdp/imports");
    }

    private String mintCdpToken() {
        var before = page.inPage("#eb-admin-cdp-token") ? page.text("#eb-admin-cdp-token") : null;
        page.click("[data-eb-action='cdp-token']");
        workspace.browser().await("a new CDP token", WAIT, () -> {
            var shown = page.inPage("#eb-admin-cdp-token") ? page.text("#eb-admin-cdp-token") : null;
            return shown != null && !shown.equals(before) ? true : null;
        });
        assertThat(page.text("#eb-admin-cdp")).contains("shown only once");
        return page.text("#eb-admin-cdp-token");
    }

    @Test
    void replay_sends_a_dead_letter_again_once_its_cause_is_fixed() throws IOException {
        var connection = page.connected();
        var writeSide = workspace.demo().writeSide();
        var settings = connection.settings().deepCopy();
        settings.put("priority_rules", "not a list of tiers");
        writeSide.connectionRepository().updateSettings(connection.id(), settings);
        deleteVipTrigger(connection);
        writeSide.work().enqueue(ProvisionConnection.work(connection.id(), "with-broken-rules"), Instant.now());
        workspace.browser().await("a dead letter", WAIT, () -> writeSide.work().items(connection.id(), WorkState.DEAD, 10).isEmpty() ? null : true);
        var reason = writeSide.work().items(connection.id(), WorkState.DEAD, 10).get(0).lastError().orElseThrow();

        assertThat(metrics()).contains("bridge_alert_dead_letters 1.0", "bridge_alert_backlog_stale 0.0", "bridge_alert_tokens_need_attention 0.0");
        page.open("");
        assertThat(page.text("#eb-alerts")).contains("Work items that failed for good: 1.");
        assertThat(page.text("#eb-panel-sync .eb-admin-dead-letters")).contains(reason);
        page.click("[data-eb-action='csv'][data-kind='" + ProvisionConnection.KIND + "']");
        var csv = workspace.browser().await("the CSV through the proxy", WAIT, () -> workspace.demo().zendesk().proxiedAnswers().stream()
                .filter(answer -> answer.startsWith("id,kind,key,attempts,created_at,reason")).findFirst().orElse(null));
        try (var parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getRecords()).extracting(r -> r.get("kind") + " " + r.get("reason")).containsExactly(ProvisionConnection.KIND + " " + reason);
        }
        var fixed = writeSide.connectionRepository().find(connection.id()).orElseThrow().settings().deepCopy();
        fixed.remove("priority_rules");
        writeSide.connectionRepository().updateSettings(connection.id(), fixed);

        page.click("[data-eb-action='replay'][data-kind='" + ProvisionConnection.KIND + "']");

        workspace.browser().await("the VIP trigger back in Zendesk", WAIT, () -> vipTriggerInZendesk() ? true : null);
        workspace.browser().await("no dead letter left", WAIT, () -> writeSide.work().items(connection.id(), WorkState.DEAD, 10).isEmpty() ? true : null);
        page.refresh();
        assertThat(page.inPage("#eb-alerts")).isFalse();
        assertThat(metrics()).contains("bridge_alert_dead_letters 0.0");
    }

    private static String metrics() throws IOException {
        var request = new Request.Builder().url("http://127.0.0.1:" + workspace.demo().backendPort() + "/metrics").build();
        try (var response = new OkHttpClient().newCall(request).execute()) {
            return response.body().string();
        }
    }

    @Test
    void disconnect_removes_what_the_bridge_created_in_zendesk_then_the_connection() {
        var connection = page.connected();
        var zendesk = workspace.demo().zendeskApi();
        page.open("");

        page.click("[data-eb-action='disconnect']");
        assertThat(page.text("#eb-panel-connection")).contains("Disconnect Zendesk? The bridge removes the fields, triggers and view it created");
        page.click("[data-eb-action='confirm-disconnect']");

        workspace.browser().await("the connection gone", WAIT,
                () -> workspace.demo().writeSide().connectionRepository().find(connection.id()).isEmpty() ? true : null);
        assertThat(zendesk.triggers()).noneMatch(t -> t.title().startsWith("Engagement Bridge: "));
        assertThat(zendesk.views()).noneMatch(v -> v.title().equals("Tickets by customer value"));
        assertThat(zendesk.userFields()).noneMatch(f -> f.key().startsWith("eb_"));
        page.refresh();
        assertThat(page.text("#eb-panel-connection")).contains("Not connected to Zendesk yet.");
    }

    @Test
    void an_agent_sees_only_the_line_that_the_page_is_for_admins() {
        var proxiedBefore = workspace.demo().zendesk().proxiedRequests().size();

        page.open("?role=agent");

        assertThat(page.text("#eb-admin")).isEqualTo("Only Zendesk admins can see this page.");
        assertThat(workspace.demo().zendesk().proxiedRequests().stream().skip(proxiedBefore)
                .filter(r -> r.path("url").asText().contains("/v1/app/admin"))).isEmpty();
    }

    @Test
    void a_call_without_a_valid_jwt_or_from_an_agent_gets_401_or_403_and_no_data() throws IOException {
        page.connected();
        var backend = "http://127.0.0.1:" + workspace.demo().backendPort();
        var now = Instant.now();
        var admin = "{\"agent\": {\"role\": \"admin\"}, \"settings\": {}}";
        var agent = "{\"agent\": {\"role\": \"agent\"}, \"settings\": {}}";
        var valid = JWT.create().withAudience(backend).withIssuer("acme").withIssuedAt(now).withExpiresAt(now.plusSeconds(300))
                .sign(Algorithm.HMAC256(Demo.installationSecretForTests()));
        var forged = JWT.create().withAudience(backend).withIssuer("acme").withIssuedAt(now).withExpiresAt(now.plusSeconds(300))
                .sign(Algorithm.HMAC256("not-the-installation-secret"));

        for (var path : new String[] {"overview", "tiers", "repair", "disconnect", "replay", "dead-letters", "import-rows", "engagement-test",
                "cdp-token"}) {
            var url = backend + "/v1/app/admin/" + path;
            assertThat(post(url, null, admin)).as(path + " without a token").startsWith("401 ").doesNotContain("zendesk_url", "work");
            assertThat(post(url, forged, admin)).as(path + " with a forged token").startsWith("401 ").doesNotContain("zendesk_url");
            assertThat(post(url, valid, agent)).as(path + " from an agent").startsWith("403 ").contains("Only Zendesk admins")
                    .doesNotContain("zendesk_url");
        }
        assertThat(post(backend + "/v1/app/admin/overview", valid, admin)).startsWith("200 ").contains("zendesk_url");
        assertThat(workspace.demo().writeSide().connectionRepository().list()).isNotEmpty();
    }

    private static String post(String url, String token, String body) throws IOException {
        var request = new Request.Builder().url(url).post(RequestBody.create(body, MediaType.get("application/json")));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (var response = new OkHttpClient().newCall(request.build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }
}
