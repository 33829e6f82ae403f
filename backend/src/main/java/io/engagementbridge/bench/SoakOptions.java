package io.engagementbridge.bench;

import io.engagementbridge.config.ConfigException;

import java.time.Duration;
import java.util.List;

/** {@code benchmark soak [--clean-seconds 180] [--fault-seconds 240] [--phase-seconds N] [--connections 16] [--latency-ms 50] [--seed 42]}. */
record SoakOptions(Duration clean, Duration faults, int connections, Duration upstreamLatency, long seed) {
    static final String USAGE = "java -jar engagement-bridge.jar benchmark soak"
            + " [--clean-seconds 180] [--fault-seconds 240] [--phase-seconds N (all three)] [--connections 16] [--latency-ms 50] [--seed 42]";

    SoakOptions {
        if (clean.toSeconds() < 10 || faults.toSeconds() < 10) {
            throw new ConfigException("phases must last at least 10 seconds");
        }
        if (connections < 2 || connections > 1000) {
            throw new ConfigException("--connections must be between 2 and 1000, was " + connections);
        }
    }

    static SoakOptions parse(List<String> args) {
        long clean = 180;
        long faults = 240;
        long connections = 16;
        long latency = 50;
        long seed = 42;
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 == args.size()) {
                throw new ConfigException("option '" + args.get(i) + "' needs a value; usage: " + USAGE);
            }
            var value = number(args.get(i), args.get(i + 1));
            switch (args.get(i)) {
                case "--clean-seconds" -> clean = value;
                case "--fault-seconds" -> faults = value;
                case "--phase-seconds" -> {
                    clean = value;
                    faults = value;
                }
                case "--connections" -> connections = value;
                case "--latency-ms" -> latency = value;
                case "--seed" -> seed = value;
                default -> throw new ConfigException("unknown option '" + args.get(i) + "'; usage: " + USAGE);
            }
        }
        return new SoakOptions(Duration.ofSeconds(clean), Duration.ofSeconds(faults), (int) connections, Duration.ofMillis(latency), seed);
    }

    private static long number(String flag, String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " must be a whole number, was '" + raw + "'");
        }
    }
}
