package io.engagementbridge.priority;

import io.engagementbridge.App;
import io.engagementbridge.oauth.DisconnectConnection;
import io.engagementbridge.bench.ScaledClock;
import io.engagementbridge.bench.SimulatedZendeskAccount;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.demo.zendeskapi.Trigger;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.work.WorkRunner;
import io.engagementbridge.work.WorkState;
import io.engagementbridge.zendesk.ResponseObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Provisioning as queued work: what connecting enqueues, run by the work queue against the Zendesk simulator. */
class ProvisionConnectionTest {
    @TempDir
    Path dir;
    private final ScaledClock clock = new ScaledClock(Instant.parse("2026-12-01T10:00:00Z"), 10);
    private SimulatedZendeskAccount account;
    private WorkRunner runner;

    @BeforeEach
    void open() {
        account = SimulatedZendeskAccount.open(dir, clock, SimulatorLimits.defaults(), 700, ResponseObserver.NONE);
        var writeSide = account.writeSide();
        var clients = writeSide.zendeskClients(HttpClients.upstream(Timeouts.DEFAULTS, writeSide.config().zendeskHosts()), App.mapper(), clock,
                ResponseObserver.NONE);
        var handler = new ProvisionConnection(new ConnectedZendesk(writeSide.connectionRepository(), clients, ZendeskOAuthConfig.NONE),
                new Provisioning(writeSide.connectionRepository(), App.mapper(), clock, clock::sleep, "http://127.0.0.1:9"), new TierRulesParser(App.mapper()),
                id -> DisconnectConnection.underWay(writeSide.work(), id));
        runner = new WorkRunner(writeSide.work(), Map.of(ProvisionConnection.KIND, handler), WorkRunner.Settings.DEFAULTS, clock, "test-worker");
    }

    @AfterEach
    void close() {
        runner.close();
        account.close();
    }

    @Test
    void the_work_enqueued_on_connect_provisions_the_account_with_the_connections_own_tier_rules() {
        var settings = connectionSettings().put(TierRulesParser.SETTING, "[{\"name\":\"Gold\",\"priority\":\"high\",\"tag\":\"cdp_tier_1_gold\","
                + "\"when\":{\"ltv_at_least\":2000}},{\"name\":\"Everyone\",\"priority\":\"normal\",\"tag\":\"cdp_tier_2_everyone\"}]");
        account.writeSide().connectionRepository().updateSettings(account.connectionId(), settings);
        account.writeSide().work().enqueue(ProvisionConnection.work(account.connectionId(), "connect"), clock.instant());

        assertThat(runner.runOnce(1)).isEqualTo(1);

        assertThat(tierTriggers()).extracting(Trigger::title)
                .containsExactly("Engagement Bridge: Gold", "Engagement Bridge: Everyone");
        assertThat(account.simulator().views()).hasSize(1);
        assertThat(account.writeSide().work().items(account.connectionId(), WorkState.DONE, 10)).hasSize(1);
        assertThat(account.simulator().stats().rateLimited()).isEmpty();
    }

    @Test
    void invalid_tier_rules_dead_letter_the_work_with_the_rules_problem_and_create_nothing() {
        account.writeSide().connectionRepository().updateSettings(account.connectionId(),
                connectionSettings().put(TierRulesParser.SETTING, "[{\"name\":\"VIP\"}"));
        account.writeSide().work().enqueue(ProvisionConnection.work(account.connectionId(), "connect"), clock.instant());

        runner.runOnce(1);

        assertThat(account.writeSide().work().items(account.connectionId(), WorkState.DEAD, 10)).singleElement()
                .satisfies(item -> assertThat(item.lastError()).hasValueSatisfying(reason -> assertThat(reason).contains("not valid JSON")));
        assertThat(account.simulator().userFields()).isEmpty();
        assertThat(account.simulator().triggers()).isEmpty();
    }

    @Test
    void a_429_from_zendesk_is_waited_out_and_provisioning_finishes_in_the_same_attempt_without_duplicates() {
        account.simulator().faults().failNext(1, 429, 2);
        account.writeSide().work().enqueue(ProvisionConnection.work(account.connectionId(), "connect"), clock.instant());

        runner.runOnce(1);

        assertThat(account.simulator().faults().failuresServed()).isEqualTo(1);
        assertThat(account.writeSide().work().items(account.connectionId(), WorkState.DONE, 10)).hasSize(1);
        assertThat(account.simulator().userFields()).hasSize(4);
        assertThat(account.simulator().triggers()).hasSize(6);
        assertThat(account.simulator().webhooks()).hasSize(1);
    }

    @Test
    void five_429s_in_a_row_are_waited_out_without_starting_provisioning_over() {
        account.simulator().faults().failNext(5, 429, 1);
        account.writeSide().work().enqueue(ProvisionConnection.work(account.connectionId(), "connect"), clock.instant());

        runner.runOnce(1);

        assertThat(account.simulator().faults().failuresServed()).isEqualTo(5);
        assertThat(account.writeSide().work().items(account.connectionId(), WorkState.DONE, 10)).hasSize(1);
        assertThat(account.simulator().stats().count("GET /api/v2/user_fields", 200)).as("user fields listed once").isEqualTo(1);
        assertThat(account.simulator().userFields()).hasSize(4);
        assertThat(account.simulator().triggers()).hasSize(6);
    }

    @Test
    void a_zendesk_server_error_leaves_the_work_pending_for_a_later_attempt() {
        account.simulator().faults().failNext(1, 500, 0);
        account.writeSide().work().enqueue(ProvisionConnection.work(account.connectionId(), "connect"), clock.instant());

        runner.runOnce(1);

        assertThat(account.writeSide().work().items(account.connectionId(), WorkState.PENDING, 10)).singleElement()
                .satisfies(item -> assertThat(item.lastError()).hasValue("500 server error"));
    }

    private com.fasterxml.jackson.databind.node.ObjectNode connectionSettings() {
        return account.writeSide().connectionRepository().find(account.connectionId()).orElseThrow().settings();
    }

    /** Our per-tier triggers, without the three that send ticket events to the inbox. */
    private java.util.List<Trigger> tierTriggers() {
        return account.simulator().triggers().stream().filter(t -> !t.actions().toString().contains("notification_webhook")).toList();
    }
}
