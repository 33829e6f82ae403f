package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.App;
import io.engagementbridge.Main;
import io.engagementbridge.WriteSide;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.connection.AuthType;
import io.engagementbridge.connection.ConnectionDefinition;
import io.engagementbridge.connection.Connections;
import io.engagementbridge.connection.MasterKey;
import io.engagementbridge.connection.ZendeskAccounts;
import io.engagementbridge.connection.ZendeskSecrets;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.demo.zendeskapi.ZendeskApiSimulator;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.zendesk.ResponseObserver;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real jar's {@code sync} in a subprocess, SIGKILLed three times at random moments while its jobs are
 * in flight, then run again with the same command: Zendesk ends with every good row, each written once.
 */
class KilledSyncLosesNothingTest {
    static final String AGENT = "bridge@acme.example";
    static final String TOKEN = "sync-kill-test-api-token-3c9d";

    @TempDir
    Path dir;
    ZendeskApiSimulator simulator;
    Javalin server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
            simulator.close();
        }
    }

    @Test
    void an_import_killed_with_sigkill_three_times_then_rerun_writes_every_good_row_exactly_once() throws Exception {
        var clock = Clock.systemUTC();
        // The 1,000 rows go out as one round of 30 jobs of about 34 rows, each queued 0.5 s and working 0.34 s: longer than a
        // kill's random delay, so kills land with jobs queued, running, and being posted.
        var limits = new SimulatorLimits(700, 5, 100, 30, 30, Duration.ofMinutes(30), Duration.ofDays(30), Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(12), Duration.ofSeconds(60));
        simulator = new ZendeskApiSimulator(App.mapper(), clock, new OkHttpClient(), limits);
        simulator.registerApiToken(AGENT, TOKEN);
        server = simulator.app().start("127.0.0.1", 0);
        var masterKey = MasterKey.generate();
        var store = dir.resolve("store");
        String connectionId;
        var loopback = new HostPolicy(List.of(), true);
        try (var writeSide = WriteSide.open(new WriteSideConfig(StoreConfig.sqlite(store), masterKey, loopback, null), App.mapper(), clock)) {
            var added = new Connections(writeSide.connectionRepository(), "http://127.0.0.1", clock).add(new ConnectionDefinition("Kill test",
                    "http://127.0.0.1:" + server.port(), AuthType.API_TOKEN, ZendeskSecrets.apiToken(AGENT, TOKEN), "https://api.exponea.com",
                    "kill", "kill-key", "kill-secret", JsonNodeFactory.instance.objectNode()));
            connectionId = added.id();
            var connection = writeSide.connectionRepository().find(connectionId).orElseThrow();
            var secrets = writeSide.connectionRepository().secrets(connectionId).orElseThrow().secrets();
            writeSide.zendeskClients(HttpClients.upstream(Timeouts.DEFAULTS, loopback), App.mapper(), clock, ResponseObserver.NONE)
                    .connect(ZendeskAccounts.of(connection, secrets), 700).client().createUserField(App.mapper().readTree(AudienceFile.LTV_FIELD));
        }
        var file = new AudienceFile(dir.resolve("audience.csv"), 1000);
        var report = dir.resolve("outcomes.csv");
        var command = List.of("sync", "--connection", connectionId, "--file", file.path.toString(), "--report", report.toString());
        var random = new Random(11);
        int kills = 0;
        for (int round = 0; round < 3; round++) {
            var jobsBefore = simulator.jobStatuses().size();
            var process = sync(command, store, masterKey, round);
            var wantJobs = jobsBefore + 1 + random.nextInt(4);
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (simulator.jobStatuses().size() < wantJobs && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            Thread.sleep(random.nextInt(400));
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
                kills++;
            }
        }
        var last = sync(command, store, masterKey, 3);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("the rerun finished").isTrue();

        assertThat(kills).isPositive();
        assertThat(last.exitValue()).as(Files.readString(dir.resolve("sync-3.out"))).isEqualTo(SyncCommand.ROWS_FAILED);
        var users = new HashMap<String, io.engagementbridge.demo.zendeskapi.User>();
        simulator.users().stream().filter(u -> u.externalId() != null).forEach(u -> users.put(u.externalId(), u));
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(file.good);
        assertThat((BigDecimal) users.get("cust-999").userFields().get("ltv")).isEqualByComparingTo("9990.5");
        var writes = new HashMap<String, Integer>();
        simulator.jobStatuses().forEach(job -> job.results().stream().filter(r -> Boolean.TRUE.equals(r.get("success")))
                .forEach(r -> writes.merge(String.valueOf(r.get("external_id")).toLowerCase(Locale.ROOT), 1, Integer::sum)));
        assertThat(writes.keySet()).containsExactlyInAnyOrderElementsOf(file.good);
        assertThat(writes).as("successful writes per user over every job").allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        var lines = Files.readAllLines(report);
        assertThat(lines).hasSize(1001);
        assertThat(lines.stream().filter(l -> l.contains(",failed,"))).hasSize(37);
    }

    private Process sync(List<String> command, Path store, String masterKey, int round) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var args = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        args.addAll(command);
        var builder = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(dir.resolve("sync-" + round + ".out").toFile());
        builder.environment().put("BRIDGE_DATA_DIR", store.toString());
        builder.environment().put("BRIDGE_MASTER_KEY", masterKey);
        builder.environment().put("BRIDGE_ALLOW_HTTP_LOOPBACK", "true");
        return builder.start();
    }
}
