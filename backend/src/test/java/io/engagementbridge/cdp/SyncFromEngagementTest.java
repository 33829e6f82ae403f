package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.App;
import io.engagementbridge.connection.AuthType;
import io.engagementbridge.connection.ConnectionDefinition;
import io.engagementbridge.connection.Connections;
import io.engagementbridge.connection.ZendeskSecrets;
import io.engagementbridge.demo.engagement.EngagementSimulator;
import io.engagementbridge.demo.engagement.SeedCustomers;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.priority.CustomerRoles;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.priority.TierRules;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sync --from-engagement}: Engagement's customers (from its simulator's customer export) become Zendesk users, each with a tier. */
class SyncFromEngagementTest {
    static final String TOKEN = "engagement-sync-test-api-token-51ad";

    @TempDir
    Path dir;
    ImportHarness harness;
    EngagementSimulator engagement;
    Javalin engagementServer;
    String connectionId;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void open() throws Exception {
        harness = new ImportHarness(dir, 10);
        engagement = EngagementSimulator.demo();
        engagementServer = engagement.app().start("127.0.0.1", 0);
        harness.zendesk().registerApiToken("sync@acme.example", TOKEN);
        var repository = harness.account.writeSide().connectionRepository();
        var zendeskUrl = repository.find(harness.account.connectionId()).orElseThrow().zendeskUrl();
        connectionId = new Connections(repository, "http://127.0.0.1", harness.clock).add(new ConnectionDefinition("From Engagement", zendeskUrl,
                AuthType.API_TOKEN, ZendeskSecrets.apiToken("sync@acme.example", TOKEN), "http://127.0.0.1:" + engagementServer.port(),
                SimulatedProject.PROJECT_TOKEN, SimulatedProject.KEY_ID, SimulatedProject.KEY_SECRET, JsonNodeFactory.instance.objectNode())).id();
        harness.userField("{\"key\":\"" + Provisioning.LTV_FIELD_KEY + "\",\"type\":\"decimal\",\"title\":\"LTV\"}");
        harness.userField("{\"key\":\"" + Provisioning.RFM_FIELD_KEY + "\",\"type\":\"text\",\"title\":\"RFM segment\"}");
        harness.userField("{\"key\":\"" + Provisioning.LOYALTY_FIELD_KEY + "\",\"type\":\"text\",\"title\":\"Loyalty tier\"}");
        var options = new StringBuilder();
        for (var tier : TierRules.defaults().tiers()) {
            options.append(options.isEmpty() ? "" : ",").append("{\"name\":\"").append(tier.name()).append("\",\"value\":\"").append(tier.value()).append("\"}");
        }
        harness.userField("{\"key\":\"" + Provisioning.TIER_FIELD_KEY + "\",\"type\":\"dropdown\",\"title\":\"Customer value tier\",\"custom_field_options\":["
                + options + "]}");
    }

    @AfterEach
    void close() {
        engagementServer.stop();
        harness.close();
    }

    private int sync(String... args) throws InterruptedException {
        var all = new java.util.ArrayList<>(List.of("--connection", connectionId));
        all.addAll(List.of(args));
        var export = new EngagementExport(harness.account.writeSide().connectionRepository(), new OkHttpClient(), new HostPolicy(List.of(), true),
                App.mapper());
        return new SyncCommand(harness.imports, harness.dryRun, export, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false).run(all);
    }

    @Test
    void every_engagement_customer_becomes_a_zendesk_user_with_ltv_rfm_loyalty_and_the_tier_the_rules_give() throws Exception {
        var exit = sync("--from-engagement");

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).isEqualTo(SyncCommand.OK);
        var rules = TierRules.defaults();
        for (var customer : engagement.customers()) {
            var user = harness.zendesk().userByExternalId(customer.email()).orElseThrow(() -> new AssertionError("no Zendesk user " + customer.email()));
            assertThat(user.name()).isEqualTo(customer.fullName());
            assertThat((BigDecimal) user.userFields().get(Provisioning.LTV_FIELD_KEY)).isEqualByComparingTo(BigDecimal.valueOf(customer.lifetimeValue()));
            assertThat(user.userFields().get(Provisioning.LOYALTY_FIELD_KEY)).isEqualTo(customer.loyaltyTier());
            var tier = rules.evaluate(new CustomerRoles(BigDecimal.valueOf(customer.lifetimeValue()), customer.rfmSegment(), customer.loyaltyTier()))
                    .orElseThrow().tier();
            assertThat(user.userFields().get(Provisioning.TIER_FIELD_KEY)).as(customer.email()).isEqualTo(tier.value());
        }
        assertThat(harness.zendesk().users().stream().map(u -> u.userFields().get(Provisioning.TIER_FIELD_KEY)).distinct()).hasSizeGreaterThan(1);
    }

    @Test
    void one_segment_imports_only_its_customers_and_an_unknown_segmentation_exits_2_saying_what_to_check() throws Exception {
        var platinum = SeedCustomers.LOYALTY_TIERS.indexOf("Platinum");

        var exit = sync("--from-engagement", "--segmentation", EngagementSimulator.LOYALTY_SEGMENTATION, "--segment", String.valueOf(platinum));

        assertThat(exit).isEqualTo(SyncCommand.OK);
        var expected = engagement.customers().stream().filter(c -> c.loyaltyTier().equals("Platinum")).map(c -> c.email()).toList();
        assertThat(expected).isNotEmpty();
        assertThat(harness.zendesk().users().stream().filter(u -> u.userFields().containsKey(Provisioning.LOYALTY_FIELD_KEY)).map(u -> u.externalId()))
                .containsExactlyInAnyOrderElementsOf(expected);

        assertThat(sync("--from-engagement", "--segmentation", "nope", "--segment", "0")).isEqualTo(SyncCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("customer export failed").contains("--segmentation");
    }
}
