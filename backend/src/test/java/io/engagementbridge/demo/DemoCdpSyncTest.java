package io.engagementbridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.App;
import io.engagementbridge.cdp.MessageLog;
import io.engagementbridge.cdp.MessageStatus;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.connection.AuthType;
import io.engagementbridge.connection.ConnectionDefinition;
import io.engagementbridge.connection.ZendeskSecrets;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.demo.zendeskapi.User;
import io.engagementbridge.priority.ProvisionConnection;
import io.engagementbridge.priority.Provisioning;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo's "Import + stream": an import and a stream sent through the bridge's CDP APIs land in the simulated Zendesk and its workspace. */
final class DemoCdpSyncTest {
    static final String AGENT_EMAIL = "cdp.demo.agent@acme.example";
    static final String API_TOKEN = "demo-cdp-sync-test-api-token-2d4f";
    private static final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

    private Demo demo;

    @BeforeEach
    void start() {
        demo = Demo.start(BridgeConfig.forLoopback(0), 0, 0, Map.of(), 0);
    }

    @AfterEach
    void stop() {
        demo.stop();
    }

    @Test
    void refused_until_connected_then_the_import_tiers_its_good_rows_and_the_stream_puts_a_new_vips_ticket_on_top_of_the_queue() {
        assertThat(progress().code()).as("nothing sent yet").isEqualTo(404);
        var refused = press();
        assertThat(refused.code()).isEqualTo(409);
        assertThat(refused.body().path("message").asText()).startsWith("Connect Zendesk first");

        var connectionId = connect();
        var customers = demo.engagement().customers();
        var upgraded = demo.tickets().get(DemoCdpSync.UPGRADED);
        var zendesk = demo.zendeskApi();

        var answer = press();

        assertThat(answer.code()).isEqualTo(202);
        assertThat(answer.body().path("message").asText()).contains("12 rows, 2 deliberately bad");
        var imported = customers.get(DemoCdpSync.IMPORTED - 1);
        await("the import's last good row in Zendesk").atMost(Duration.ofSeconds(60))
                .until(() -> zendesk.userByEmail(imported.email()).map(u -> u.userFields().get(Provisioning.TIER_FIELD_KEY) != null).orElse(false));
        await("the stream's ticket update in Zendesk").atMost(Duration.ofSeconds(60))
                .until(() -> zendesk.ticket(upgraded.id()).orElseThrow().tags().contains("cdp_tier_1_vip"));
        await("the stream's identifies written").atMost(Duration.ofSeconds(60))
                .until(() -> new MessageLog(demo.writeSide().database()).list(connectionId, Optional.of(MessageStatus.ACCEPTED), 100).isEmpty());

        assertThat(zendesk.userByEmail("bad.ltv@example.com")).isEmpty();
        assertThat(zendesk.users()).noneMatch(user -> "not-an-email".equals(user.email()));
        var vip = zendesk.user(upgraded.requester().id()).orElseThrow();
        assertThat(vip.userFields()).containsEntry(Provisioning.TIER_FIELD_KEY, "cdp_tier_1_vip").containsEntry(Provisioning.LOYALTY_FIELD_KEY, "Platinum");
        assertThat(decimal(vip, Provisioning.LTV_FIELD_KEY)).isEqualByComparingTo(DemoCdpSync.VIP_LTV);
        assertThat(vip.tags()).contains(DemoCdpSync.AUDIENCE_TAG);
        var other = demo.tickets().get(0).requester();
        var otherCustomer = customers.stream().filter(c -> c.email().equals(other.email())).findFirst().orElseThrow();
        assertThat(decimal(zendesk.user(other.id()).orElseThrow(), Provisioning.LTV_FIELD_KEY))
                .isEqualByComparingTo(BigDecimal.valueOf(otherCustomer.lifetimeValue()).add(new BigDecimal("300")));
        assertThat(zendesk.ticket(upgraded.id()).orElseThrow().priority()).isEqualTo("urgent");
        var rejected = new MessageLog(demo.writeSide().database()).list(connectionId, Optional.of(MessageStatus.REJECTED), 10);
        assertThat(rejected).singleElement().satisfies(message -> assertThat(message.reason().orElseThrow()).contains("needs userId or traits.email"));

        var settled = await("the workspace's status line done").atMost(Duration.ofSeconds(10)).until(this::progress, progress -> progress.code() == 200);
        assertThat(settled.body().path("message").asText()).startsWith("Done. Import: 10 rows written, 2 failed. ")
                .contains("1 rejected", "requester is now VIP");

        var queue = workspaceQueue();
        var first = queue.get(0);
        assertThat(first.path("id").asLong()).isEqualTo(upgraded.id());
        assertThat(first.path("priority").asText()).isEqualTo("urgent");
    }

    private static BigDecimal decimal(User user, String key) {
        return new BigDecimal(String.valueOf(user.userFields().get(key)));
    }

    /** An admin's connection to the demo's Zendesk, provisioned (fields, triggers, webhook) as Connect Zendesk would. */
    private String connect() {
        demo.zendeskApi().registerApiToken(AGENT_EMAIL, API_TOKEN);
        var definition = new ConnectionDefinition("Demo CDP", demo.zendeskApiUrl(), AuthType.API_TOKEN, ZendeskSecrets.apiToken(AGENT_EMAIL, API_TOKEN),
                demo.installation().settings().get("engagement_api_base_url"), SimulatedProject.PROJECT_TOKEN, SimulatedProject.KEY_ID, SimulatedProject.KEY_SECRET,
                JsonNodeFactory.instance.objectNode());
        var id = demo.writeSide().connections("http://127.0.0.1:" + demo.backendPort(), java.time.Clock.systemUTC()).add(definition).id();
        demo.writeSide().work().enqueue(ProvisionConnection.work(id, "test"), Instant.now());
        await("the connection provisioned").atMost(Duration.ofSeconds(30)).until(() -> demo.writeSide().connectionRepository().find(id).orElseThrow()
                .settings().path(Provisioning.SETTING).has("ticket_field"));
        return id;
    }

    private record Answer(int code, JsonNode body) {
    }

    private Answer press() {
        var request = new Request.Builder().url(demo.zendeskUrl() + "simulator/api/cdp-sync").post(RequestBody.create(new byte[0], MediaType.get("application/json")))
                .build();
        try (var response = http.newCall(request).execute()) {
            return new Answer(response.code(), App.mapper().readTree(response.body().string()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the workspace's status line reads after a press: how far the import and the stream are. */
    private Answer progress() {
        try (var response = http.newCall(new Request.Builder().url(demo.zendeskUrl() + "simulator/api/cdp-sync").build()).execute()) {
            return new Answer(response.code(), App.mapper().readTree(response.body().string()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private java.util.List<JsonNode> workspaceQueue() {
        try (var response = http.newCall(new Request.Builder().url(demo.zendeskUrl() + "simulator/api/state").build()).execute()) {
            var list = new java.util.ArrayList<JsonNode>();
            App.mapper().readTree(response.body().string()).path("tickets").forEach(list::add);
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
