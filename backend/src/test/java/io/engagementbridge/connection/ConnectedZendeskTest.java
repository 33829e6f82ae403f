package io.engagementbridge.connection;

import io.engagementbridge.App;
import io.engagementbridge.bench.ScaledClock;
import io.engagementbridge.bench.SimulatedZendeskAccount;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.oauth.DisconnectConnection;
import io.engagementbridge.priority.ProvisionConnection;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.priority.TierRulesParser;
import io.engagementbridge.priority.UserTierWriter;
import io.engagementbridge.priority.WriteUserTier;
import io.engagementbridge.relay.RelayAction;
import io.engagementbridge.relay.RelayMetrics;
import io.engagementbridge.relay.RelaySweep;
import io.engagementbridge.relay.RelayTicketEvent;
import io.engagementbridge.relay.RelayTicketEvents;
import io.engagementbridge.relay.SweepLog;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.zendesk.ResponseObserver;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Work that a worker already holds when its connection is removed: every handler touches nothing in Zendesk and gives the same reason. */
class ConnectedZendeskTest {
    @TempDir
    Path dir;
    private final ScaledClock clock = new ScaledClock(Instant.parse("2026-12-01T10:00:00Z"), 10);
    private SimulatedZendeskAccount account;
    private ConnectedZendesk zendesk;

    @BeforeEach
    void open() {
        account = SimulatedZendeskAccount.open(dir, clock, SimulatorLimits.defaults(), 700, ResponseObserver.NONE);
        zendesk = account.connectedZendesk();
        account.simulator().seedUser(501, "Ada Lovelace", "ada@example.com", null, List.of());
        account.simulator().stats().reset();
    }

    @AfterEach
    void close() {
        account.close();
    }

    @Test
    void work_held_when_its_connection_is_removed_touches_nothing_in_zendesk_and_is_dead_lettered_with_one_reason() throws Exception {
        var id = account.connectionId();
        var writeSide = account.writeSide();
        var provisioning = new Provisioning(writeSide.connectionRepository(), App.mapper(), clock, clock::sleep, "http://127.0.0.1:9");
        var handlers = new LinkedHashMap<NewWork, WorkHandler>();
        handlers.put(ProvisionConnection.work(id, "connect"), new ProvisionConnection(zendesk, provisioning, new TierRulesParser(App.mapper()),
                connection -> false));
        handlers.put(new NewWork(id, WriteUserTier.KIND, "user:501", "{\"user_id\":501,\"fields\":{\"tier\":\"cdp_tier_1_vip\"}}", "tier"),
                new WriteUserTier(zendesk, new UserTierWriter(clock::sleep), App.mapper()));
        handlers.put(new RelayTicketEvent(7, RelayAction.CREATED.wire(), clock.instant().getEpochSecond(), "ada@example.com", "webhook", "inv-1").work(id, App.mapper()),
                new RelayTicketEvents(zendesk, writeSide.work(), App.mapper(), clock, clock::sleep));
        handlers.put(RelaySweep.first(id, clock.instant(), Duration.ofHours(1)),
                new RelaySweep(zendesk, writeSide.work(), App.mapper(), RelayMetrics.NONE, clock, new SweepLog(writeSide.database())));
        handlers.keySet().forEach(work -> writeSide.work().enqueue(work, clock.instant()));
        var held = writeSide.work().claim(handlers.keySet().stream().map(NewWork::kind).toList(), 10, "test-worker", clock.instant(),
                Duration.ofMinutes(1));
        assertThat(held).hasSize(handlers.size());

        writeSide.connectionRepository().remove(id);

        var outcomes = new LinkedHashMap<String, Outcome>();
        for (var item : held) {
            outcomes.put(item.kind(), handlerOf(handlers, item).handle(item));
        }
        assertThat(outcomes.values()).as("outcome per kind: %s", outcomes).containsOnly(Outcome.connectionRemoved());
        assertThat(account.simulator().stats().requests()).as("requests Zendesk received").isEmpty();
    }

    @Test
    void a_disconnect_whose_connection_is_already_gone_is_done_without_calling_zendesk() throws Exception {
        var id = account.connectionId();
        var writeSide = account.writeSide();
        var provisioning = new Provisioning(writeSide.connectionRepository(), App.mapper(), clock, clock::sleep, "http://127.0.0.1:9");
        var handler = new DisconnectConnection(zendesk, ZendeskOAuthConfig.NONE, provisioning, new OkHttpClient(), App.mapper());
        writeSide.work().enqueue(DisconnectConnection.work(id), clock.instant());
        var held = writeSide.work().claim(List.of(DisconnectConnection.KIND), 1, "test-worker", clock.instant(), Duration.ofMinutes(1));

        writeSide.connectionRepository().remove(id);

        assertThat(handler.handle(held.get(0))).isEqualTo(Outcome.DONE);
        assertThat(account.simulator().stats().requests()).as("requests Zendesk received").isEmpty();
    }

    private static WorkHandler handlerOf(Map<NewWork, WorkHandler> handlers, WorkItem item) {
        return handlers.entrySet().stream().filter(entry -> entry.getKey().kind().equals(item.kind())).findFirst().orElseThrow().getValue();
    }
}
