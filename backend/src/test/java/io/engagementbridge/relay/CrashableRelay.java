package io.engagementbridge.relay;

import io.engagementbridge.App;
import io.engagementbridge.WriteSide;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.work.Backoff;
import io.engagementbridge.work.WorkRunner;
import io.engagementbridge.zendesk.ResponseObserver;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A relay process for crash tests: runs the relay's reads and its batch sender on the SQLite store in
 * {@code args[0]} (sealed with the master key in {@code args[1]}) until no relay work is left, then exits.
 * Short leases, so a killed process's claims come back within a second.
 */
public final class CrashableRelay {
    private CrashableRelay() {
    }

    public static void main(String[] args) throws Exception {
        var loopback = new HostPolicy(List.of(), true);
        var clock = Clock.systemUTC();
        try (var writeSide = WriteSide.open(new WriteSideConfig(StoreConfig.sqlite(Path.of(args[0])), args[1], loopback, null), App.mapper(), clock)) {
            var http = HttpClients.upstream(Timeouts.DEFAULTS, loopback);
            var clients = writeSide.zendeskClients(http, App.mapper(), clock, ResponseObserver.NONE);
            var reads = new RelayTicketEvents(new ConnectedZendesk(writeSide.connectionRepository(), clients, ZendeskOAuthConfig.NONE), writeSide.work(),
                    App.mapper(), clock, pause -> Thread.sleep(pause.toMillis()));
            var backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
            var runnerSettings = new WorkRunner.Settings(2, Duration.ofMillis(20), Duration.ofSeconds(1), 50, backoff);
            var senderSettings = new RelaySender.Settings(6_000, Duration.ofMillis(100), Duration.ofMillis(20), Duration.ofSeconds(1), 50, backoff);
            try (var runner = new WorkRunner(writeSide.work(), Map.of(RelayTicketEvent.KIND, reads), runnerSettings, clock, "crashable").start();
                 var sender = new RelaySender(writeSide.work(), writeSide.connectionRepository(),
                         new EngagementTracking(http, loopback, App.mapper(), clock), new BrazeTracking(http, true, App.mapper(), clock), App.mapper(),
                         RelayMetrics.NONE, senderSettings, clock, "crashable-sender").start()) {
                while (writeSide.work().backlog(RelaySender.EVENT_KINDS).items() > 0) {
                    Thread.sleep(50);
                }
            }
        }
    }
}
