package io.engagementbridge.relay;

import io.engagementbridge.App;
import io.engagementbridge.bench.ScaledClock;
import io.engagementbridge.bench.SimulatedZendeskAccount;
import io.engagementbridge.demo.engagement.EngagementSimulator;
import io.engagementbridge.demo.engagement.SeedCustomers;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.zendesk.ResponseObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGKILL the relay process at random moments while it reads tickets and sends batches; restarted, every event arrives, none twice. */
class KilledRelayLosesNothingTest {
    static final int EVENTS = 100;

    @TempDir
    Path dir;

    Process relay(String masterKey) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A short-lived child: the quick JIT tier and the serial collector start it sooner on a busy machine.
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                CrashableRelay.class.getName(), dir.toString(), masterKey)
                .redirectErrorStream(true).redirectOutput(dir.resolve("relay.out").toFile()).start();
    }

    @Test
    void a_relay_killed_with_sigkill_three_times_delivers_every_event_once() throws Exception {
        var engagement = new EngagementSimulator(SeedCustomers.demo(), SeedCustomers.DEMO_NOW);
        engagement.setLatency(Duration.ofMillis(30));
        var engagementServer = engagement.app().start("127.0.0.1", 0);
        var clock = new ScaledClock(Instant.now(), 1);
        try (var zendesk = SimulatedZendeskAccount.open(dir, clock, SimulatorLimits.defaults(), 100_000, ResponseObserver.NONE,
                new SimulatedZendeskAccount.Engagement("http://127.0.0.1:" + engagementServer.port(), SimulatedProject.PROJECT_TOKEN,
                        SimulatedProject.KEY_ID, SimulatedProject.KEY_SECRET))) {
            var tickets = new ArrayList<Long>();
            for (int i = 0; i < EVENTS; i++) {
                var ticket = App.mapper().createObjectNode().put("subject", "Order " + i).put("status", "open");
                ticket.putObject("comment").put("body", "Where is it?");
                ticket.putObject("requester").put("name", "Customer " + i).put("email", "customer" + i + "@example.com");
                var id = zendesk.zendesk().client().createTicket("t-" + i, ticket).ticket().path("id").asLong();
                tickets.add(id);
                // As the inbox would store it: the webhook's event, ready for the relay.
                zendesk.writeSide().work().enqueue(new RelayTicketEvent(id, "created", null, "customer" + i + "@example.com", "webhook", "inv-" + i)
                        .work(zendesk.connectionId(), App.mapper()), clock.instant());
            }
            var masterKey = zendesk.writeSide().config().masterKey();
            var random = new Random(11);
            int kills = 0;
            for (int round = 0; round < 3; round++) {
                var process = relay(masterKey);
                var target = (round + 1) * EVENTS / 5 + random.nextInt(EVENTS / 10);
                var giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (engagement.trackedEvents().size() < target && process.isAlive() && System.nanoTime() < giveUp) {
                    Thread.sleep(5);
                }
                if (process.isAlive()) {
                    process.destroyForcibly().waitFor();
                    kills++;
                }
            }
            var last = relay(masterKey);
            assertThat(last.waitFor(90, TimeUnit.SECONDS)).as("restarted relay finished").isTrue();

            var stored = engagement.trackedEvents().stream().map(event -> ((Number) event.properties().get("ticket_id")).longValue()).toList();
            assertThat(new HashSet<>(stored)).containsExactlyInAnyOrderElementsOf(tickets);
            assertThat(stored).as("each event stored once; a resend after a kill is discarded by Engagement's deduplication").hasSize(EVENTS);
            assertThat(kills).isPositive();
        } finally {
            engagementServer.stop();
        }
    }
}
