package io.engagementbridge.priority;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.engagementbridge.App;
import io.engagementbridge.access.ZendeskJwt;
import io.engagementbridge.bench.PriorityBurst;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.CallerPolicy;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.oauth.Installation;
import io.engagementbridge.sidebar.SecureHeaders;
import io.engagementbridge.work.WorkState;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An agent opening a ticket keeps its requester's tier fields in Zendesk current, without waiting for it. */
class SidebarTierSyncTest {
    static final String SHARED_SECRET = "sidebar-tier-sync-shared-secret-3e7f";
    private static final String AUDIENCE = "https://bridge.test.example";
    private static final long ZENDESK_USER = 9_001;

    @TempDir
    Path dir;
    private PriorityBurst burst;
    private final OkHttpClient http = new OkHttpClient();

    @BeforeEach
    void start() throws Exception {
        var config = BridgeConfig.forLoopback(0).withCallers(new CallerPolicy(List.of(SHARED_SECRET), AUDIENCE, 3_000));
        var installation = Installation.of(new ZendeskJwt(config.callers(), Clock.systemUTC()).verify("Bearer " + jwt()).verified()).orElseThrow();
        burst = PriorityBurst.start(dir, 2_500, PriorityBurst.customers(4), config, installation.key());
        var connections = burst.account().writeSide().connectionRepository();
        var settings = connections.find(burst.account().connectionId()).orElseThrow().settings();
        settings.remove(ConnectionProfiles.SETTING);
        connections.updateSettings(burst.account().connectionId(), settings);
        var customer = burst.engagement().customers().get(0);
        burst.account().simulator().seedUser(ZENDESK_USER, customer.fullName(), customer.email(), null, List.of());
    }

    @AfterEach
    void stop() {
        burst.close();
    }

    @Test
    void opening_a_ticket_writes_its_requesters_tier_onto_the_zendesk_user_and_records_the_settings_without_secrets() throws Exception {
        var customer = burst.engagement().customers().get(0);

        assertThat(openSidebar(customer.email())).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> burst.account().simulator().user(ZENDESK_USER).orElseThrow().userFields()
                .containsKey(Provisioning.TIER_FIELD_KEY));
        var expected = TierRules.defaults().evaluate(new CustomerRoles(java.math.BigDecimal.valueOf(customer.lifetimeValue()),
                customer.rfmSegment(), customer.loyaltyTier())).orElseThrow().tier();
        assertThat(burst.account().simulator().user(ZENDESK_USER).orElseThrow().userFields())
                .containsEntry(Provisioning.TIER_FIELD_KEY, expected.value()).containsEntry(Provisioning.LOYALTY_FIELD_KEY, customer.loyaltyTier());
        var recorded = burst.account().writeSide().connectionRepository().find(burst.account().connectionId()).orElseThrow()
                .settings().path(ConnectionProfiles.SETTING);
        assertThat(recorded.path("fields").asText()).contains("\"role\":\"ltv\"");
        assertThat(recorded.has("engagement_api_key_secret")).isFalse();
        assertThat(recorded.toString()).doesNotContain(SimulatedProject.KEY_SECRET);
    }

    @Test
    void opening_the_same_ticket_again_adds_no_work_and_no_zendesk_write() throws Exception {
        var customer = burst.engagement().customers().get(0);
        openSidebar(customer.email());
        await().atMost(Duration.ofSeconds(15)).until(() -> doneTierWrites() == 1);

        for (int i = 0; i < 5; i++) {
            assertThat(openSidebar(customer.email())).isEqualTo(200);
        }
        Thread.sleep(500);

        assertThat(doneTierWrites()).isEqualTo(1);
        assertThat(burst.account().simulator().stats().count("PUT /api/v2/users/{id}", 200)).isEqualTo(1);
    }

    private long doneTierWrites() {
        return burst.account().writeSide().work().items(burst.account().connectionId(), WorkState.DONE, 1_000).stream()
                .filter(item -> item.kind().equals(WriteUserTier.KIND)).count();
    }

    private int openSidebar(String email) throws Exception {
        var body = App.mapper().createObjectNode();
        body.putObject("requester").put("id", ZENDESK_USER).put("email", email).put("name", "Requester");
        body.putObject("agent").put("locale", "en-US").put("timeZone", "Europe/Prague").put("role", "agent");
        var settings = body.putObject("settings");
        settings.setAll(PriorityBurst.profileSettingsForTests());
        settings.put("title", "Customer value");
        settings.put("engagement_api_base_url", engagementUrl());
        settings.put("engagement_project_token", SimulatedProject.PROJECT_TOKEN);
        // A misconfigured app could send a secret among the settings: it must never be recorded.
        settings.put("engagement_api_key_secret", SimulatedProject.KEY_SECRET);
        var request = new Request.Builder().url(burst.backendUrl() + "/sidebar")
                .header("Authorization", "Bearer " + jwt())
                .header(SecureHeaders.KEY_ID, SimulatedProject.KEY_ID).header(SecureHeaders.KEY_SECRET, SimulatedProject.KEY_SECRET)
                .post(RequestBody.create(body.toString(), MediaType.get("application/json"))).build();
        try (var response = http.newCall(request).execute()) {
            return response.code();
        }
    }

    private String engagementUrl() {
        return burst.account().writeSide().connectionRepository().find(burst.account().connectionId()).orElseThrow().engagementBaseUrl();
    }

    private static String jwt() {
        var now = Instant.now();
        return JWT.create().withAudience(AUDIENCE).withIssuer("acme").withIssuedAt(now).withExpiresAt(now.plus(Duration.ofMinutes(5)))
                .sign(Algorithm.HMAC256(SHARED_SECRET));
    }
}
