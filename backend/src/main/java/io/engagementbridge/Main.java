package io.engagementbridge;

import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.bench.Benchmark;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.ConfigException;
import io.engagementbridge.demo.Demo;
import io.engagementbridge.engagement.HttpClients;

import java.time.Clock;
import java.util.Arrays;

/** {@code java -jar engagement-bridge.jar serve|demo|benchmark}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        var command = args.length == 0 ? "serve" : args[0];
        try {
            switch (command) {
                case "serve" -> serve(BridgeConfig.fromEnv(System.getenv()));
                case "demo" -> Demo.start(System.getenv()).printWelcome(System.out);
                case "benchmark" -> {
                    var passed = Benchmark.run(Arrays.asList(args).subList(1, args.length), System.getenv(), System.out, System.err);
                    System.exit(passed ? 0 : 1);
                }
                default -> {
                    System.err.println("Usage: java -jar engagement-bridge.jar serve|demo|benchmark [soak]");
                    System.exit(2);
                }
            }
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void serve(BridgeConfig config) {
        var deps = new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy(), config.capacity()), Ticker.systemTicker(), Clock.systemUTC());
        App.create(config, deps).start(config.port());
    }
}
