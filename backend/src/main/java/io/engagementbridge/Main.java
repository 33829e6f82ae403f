package io.engagementbridge;

import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.bench.Benchmark;
import io.engagementbridge.cdp.EngagementExport;
import io.engagementbridge.cdp.ImportDryRun;
import io.engagementbridge.cdp.Imports;
import io.engagementbridge.cdp.SyncCommand;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.ConfigException;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.connection.ConnectionsCli;
import io.engagementbridge.connection.MasterKey;
import io.engagementbridge.connection.ZendeskCredentialCheck;
import io.engagementbridge.demo.Demo;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.priority.ProvisionConnection;
import io.engagementbridge.relay.RelayCli;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.ResponseObserver;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar engagement-bridge.jar serve|demo|benchmark}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        var command = args.length == 0 ? "serve" : args[0];
        try {
            switch (command) {
                case "serve" -> serve(BridgeConfig.fromEnv(System.getenv()), WriteSideConfig.fromEnv(System.getenv()),
                        BridgeConfig.warmUp(System.getenv()));
                case "keys" -> System.exit(keys(Arrays.asList(args).subList(1, args.length)));
                case "connections" -> System.exit(connections(Arrays.asList(args).subList(1, args.length)));
                case "relay" -> System.exit(relay(Arrays.asList(args).subList(1, args.length)));
                case "demo" -> Demo.start(System.getenv()).printWelcome(System.out);
                case "benchmark" -> System.exit(benchmark(Arrays.asList(args).subList(1, args.length)));
                case "sync" -> System.exit(sync(Arrays.asList(args).subList(1, args.length)));
                default -> {
                    System.err.println("Usage: java -jar engagement-bridge.jar serve|demo|benchmark [soak|zendesk|priority|relay|sync|first-sidebar]|keys new|connections add|list|remove|sync|relay replay");
                    System.exit(2);
                }
            }
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void serve(BridgeConfig config, WriteSideConfig writeConfig, boolean warmUp) {
        var deps = new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy(), config.capacity()), Ticker.systemTicker(), Clock.systemUTC());
        var writeSide = WriteSide.open(writeConfig, App.mapper(), deps.clock());
        if (warmUp) {
            WarmUp.run();
        }
        App.create(config, deps, writeSide).start(config.port());
    }

    private static int benchmark(List<String> args) {
        try {
            return Benchmark.run(args, System.getenv(), System.out, System.err) ? 0 : 1;
        } catch (IllegalArgumentException e) {
            System.err.println("Benchmark: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            return 1;
        }
    }

    /** {@code sync --connection ID --file …|--from-engagement}: a bulk import of users into Zendesk (see {@link SyncCommand}). */
    private static int sync(List<String> args) {
        var env = System.getenv();
        var config = BridgeConfig.fromEnv(env);
        var clock = Clock.systemUTC();
        JobPoller.Sleeper sleeper = pause -> Thread.sleep(Math.max(1, pause.toMillis()));
        try (var writeSide = WriteSide.open(WriteSideConfig.fromEnv(env), App.mapper(), clock)) {
            var zendeskHttp = HttpClients.upstream(SyncCommand.ZENDESK_TIMEOUTS, writeSide.config().zendeskHosts());
            var clients = writeSide.zendeskClients(zendeskHttp, App.mapper(), clock, ResponseObserver.NONE);
            var imports = new Imports(writeSide.database(), writeSide.connectionRepository(), clients, writeSide.config().oauth(), App.mapper(),
                    clock, sleeper);
            var dryRun = new ImportDryRun(writeSide.connectionRepository(), clients, writeSide.config().oauth(), App.mapper(), clock, sleeper);
            var engagement = new EngagementExport(writeSide.connectionRepository(), HttpClients.upstream(config.timeouts(), config.hostPolicy()),
                    config.hostPolicy(), App.mapper());
            return new SyncCommand(imports, dryRun, engagement, System.out, System.err, SyncCommand.interactive(env)).run(args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("sync: interrupted; run the same command again to continue");
            return 1;
        }
    }

    /** {@code keys new} prints a fresh BRIDGE_MASTER_KEY; {@code keys rotate} adds a new primary key to the current one. */
    private static int keys(List<String> args) {
        if (args.equals(List.of("new"))) {
            System.out.println(MasterKey.generate());
            return 0;
        }
        if (args.equals(List.of("rotate"))) {
            System.out.println(MasterKey.rotate(System.getenv(MasterKey.VARIABLE)));
            return 0;
        }
        System.err.println("Usage: java -jar engagement-bridge.jar keys new | keys rotate (reads BRIDGE_MASTER_KEY)");
        return 2;
    }

    private static int relay(List<String> args) {
        var env = System.getenv();
        try (var writeSide = WriteSide.open(WriteSideConfig.fromEnv(env), App.mapper(), Clock.systemUTC())) {
            return new RelayCli(writeSide.connectionRepository(), writeSide.work(), App.mapper(), Clock.systemUTC(), System.out, System.err).run(args);
        }
    }

    private static int connections(List<String> args) {
        var env = System.getenv();
        var config = BridgeConfig.fromEnv(env);
        try (var writeSide = WriteSide.open(WriteSideConfig.fromEnv(env), App.mapper(), Clock.systemUTC())) {
            var zendeskHosts = writeSide.config().zendeskHosts();
            var check = new ZendeskCredentialCheck(HttpClients.upstream(config.timeouts(), zendeskHosts), zendeskHosts, App.mapper(), Clock.systemUTC());
            var cli = new ConnectionsCli(writeSide.connections(App.publicUrl(config), Clock.systemUTC()), check, zendeskHosts,
                    config.hostPolicy(), App.mapper(), System.out, System.err,
                    id -> writeSide.work().enqueue(ProvisionConnection.work(id, "connect"), Clock.systemUTC().instant()));
            return cli.run(args);
        }
    }
}
