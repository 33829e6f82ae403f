package io.engagementbridge.priority;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.App;
import io.engagementbridge.bench.ScaledClock;
import io.engagementbridge.bench.SimulatedZendeskAccount;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.profile.CustomerProfile;
import io.engagementbridge.profile.ProfileField;
import io.engagementbridge.settings.FieldRole;
import io.engagementbridge.work.WorkRunner;
import io.engagementbridge.zendesk.ResponseObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A loaded profile becomes the Zendesk user's tier fields, written only when they changed and within the user's budget. */
class UserTierSyncTest {
    private static final String UPDATE_USER = "PUT /api/v2/users/{id}";
    @TempDir
    Path dir;
    private final ScaledClock clock = new ScaledClock(Instant.parse("2026-12-01T10:00:00Z"), 10);
    private SimulatedZendeskAccount account;
    private WorkRunner runner;
    private UserTierSync sync;

    @BeforeEach
    void open() throws Exception {
        account = SimulatedZendeskAccount.open(dir, clock, SimulatorLimits.defaults(), 700, ResponseObserver.NONE);
        var writeSide = account.writeSide();
        var connections = writeSide.connectionRepository();
        new Provisioning(connections, App.mapper(), clock, clock::sleep, "http://127.0.0.1:9").provision(connections.find(account.connectionId()).orElseThrow(),
                account.zendesk().client(), account.zendesk().governor(), TierRules.defaults());
        var clients = writeSide.zendeskClients(HttpClients.upstream(Timeouts.DEFAULTS, writeSide.config().zendeskHosts()), App.mapper(), clock,
                ResponseObserver.NONE);
        var handler = new WriteUserTier(new ConnectedZendesk(connections, clients, ZendeskOAuthConfig.NONE),
                new UserTierWriter(clock::sleep), App.mapper());
        runner = new WorkRunner(writeSide.work(), Map.of(WriteUserTier.KIND, handler), WorkRunner.Settings.DEFAULTS, clock, "test-worker");
        sync = new UserTierSync(writeSide.work(), App.mapper(), clock, () -> { });
        account.simulator().seedUser(501, "Ada Lovelace", "ada@example.com", null, List.of());
        account.simulator().stats().reset();
    }

    @AfterEach
    void close() {
        runner.close();
        account.close();
    }

    @Test
    void a_loaded_profile_puts_tier_ltv_rfm_and_loyalty_onto_the_zendesk_user() {
        sync.profileLoaded(account.connectionId(), 501, profile("12845.5", "Champions", "Platinum", "2026-12-01T10:00:00Z"), TierRules.defaults());

        assertThat(runner.runOnce(10)).isEqualTo(1);

        assertThat(account.simulator().user(501).orElseThrow().userFields()).containsEntry("eb_customer_tier", "cdp_tier_1_vip")
                .containsEntry("eb_rfm_segment", "Champions").containsEntry("eb_loyalty_tier", "Platinum")
                .hasEntrySatisfying("eb_ltv", ltv -> assertThat(new BigDecimal(ltv.toString())).isEqualByComparingTo("12845.50"));
    }

    @Test
    void a_profile_loaded_again_with_unchanged_values_writes_nothing() {
        sync.profileLoaded(account.connectionId(), 501, profile("800", "At Risk", "Silver", "2026-12-01T10:00:00Z"), TierRules.defaults());
        runner.runOnce(10);
        var afterFirst = account.simulator().user(501).orElseThrow().updatedAt();

        // Another process (or this one after a restart) loads the same values again: the item runs, reads, and writes nothing.
        var restarted = new UserTierSync(account.writeSide().work(), App.mapper(), clock, () -> { });
        restarted.profileLoaded(account.connectionId(), 501, profile("800.00", "At Risk", "Silver", "2026-12-01T10:05:00Z"), TierRules.defaults());
        assertThat(runner.runOnce(10)).isEqualTo(1);

        assertThat(account.simulator().stats().count(UPDATE_USER, 200)).isEqualTo(1);
        assertThat(account.simulator().user(501).orElseThrow().updatedAt()).isEqualTo(afterFirst);
        assertThat(account.simulator().user(501).orElseThrow().userFields()).containsEntry("eb_customer_tier", "cdp_tier_3_standard");
    }

    @Test
    void the_same_values_loaded_by_many_sidebar_opens_are_enqueued_once() {
        for (int i = 0; i < 20; i++) {
            sync.profileLoaded(account.connectionId(), 501, profile("800", "At Risk", "Silver", "2026-12-01T10:00:0" + (i % 10) + "Z"), TierRules.defaults());
        }

        assertThat(runner.runOnce(50)).isEqualTo(1);
    }

    @Test
    void a_changed_tier_is_written_over_the_old_one() {
        sync.profileLoaded(account.connectionId(), 501, profile("800", "At Risk", "Silver", "2026-12-01T10:00:00Z"), TierRules.defaults());
        runner.runOnce(10);

        sync.profileLoaded(account.connectionId(), 501, profile("1500", "At Risk", "Gold", "2026-12-01T10:10:00Z"), TierRules.defaults());
        runner.runOnce(10);

        assertThat(account.simulator().user(501).orElseThrow().userFields()).containsEntry("eb_customer_tier", "cdp_tier_2_high")
                .containsEntry("eb_loyalty_tier", "Gold");
        assertThat(account.simulator().stats().count(UPDATE_USER, 200)).isEqualTo(2);
    }

    @Test
    void many_changes_to_one_user_never_exceed_zendesks_five_writes_a_minute() {
        for (int i = 0; i < 8; i++) {
            sync.profileLoaded(account.connectionId(), 501, profile(String.valueOf(100 + i), "At Risk", "Silver", "2026-12-01T10:00:0" + i + "Z"),
                    TierRules.defaults());
        }

        while (runner.runOnce(1) > 0) {
            // each item waits for the user's budget itself
        }

        assertThat(account.simulator().stats().count(UPDATE_USER, 200)).isEqualTo(8);
        assertThat(account.simulator().peakUserWritesPerMinute()).isLessThanOrEqualTo(5);
        assertThat(account.simulator().stats().rateLimited()).isEmpty();
    }

    static CustomerProfile profile(String ltv, String rfm, String loyalty, String fetchedAt) {
        var json = JsonNodeFactory.instance;
        return new CustomerProfile(List.of(
                new ProfileField("Lifetime value", FieldRole.LTV, "money", "aggregate", "ltv", json.numberNode(new BigDecimal(ltv)), null),
                new ProfileField("RFM segment", FieldRole.RFM, "", "property", "rfm_segment", json.textNode(rfm), null),
                new ProfileField("Loyalty tier", FieldRole.LOYALTY, "", "property", "loyalty_tier", json.textNode(loyalty), null)),
                Instant.parse(fetchedAt));
    }
}
