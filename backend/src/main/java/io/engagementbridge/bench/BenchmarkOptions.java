package io.engagementbridge.bench;

import io.engagementbridge.config.ConfigException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's knobs. Each is a flag ({@code --latency-ms 150}) or, failing that, an environment
 * variable ({@code BENCH_LATENCY_MS}), or its default.
 */
record BenchmarkOptions(Duration upstreamLatency, int connections, Duration loadDuration, long seed) {
    static final String USAGE = "java -jar engagement-bridge.jar benchmark"
            + " [--latency-ms 150] [--connections 16] [--seconds 10] [--seed 42]";

    private static final Map<String, String> FLAGS = Map.of(
            "--latency-ms", "BENCH_LATENCY_MS",
            "--connections", "BENCH_CONNECTIONS",
            "--seconds", "BENCH_SECONDS",
            "--seed", "BENCH_SEED");

    BenchmarkOptions {
        if (upstreamLatency.isNegative()) {
            throw new ConfigException("--latency-ms must be zero or more, was " + upstreamLatency.toMillis());
        }
        if (connections < 2 || connections > 1000) {
            throw new ConfigException("--connections must be between 2 and 1000, was " + connections);
        }
        if (loadDuration.toSeconds() < 1) {
            throw new ConfigException("--seconds must be at least 1, was " + loadDuration.toSeconds());
        }
    }

    static BenchmarkOptions parse(List<String> args, Map<String, String> env) {
        var values = new HashMap<String, String>();
        FLAGS.forEach((flag, variable) -> {
            if (env.get(variable) != null && !env.get(variable).isBlank()) {
                values.put(flag, env.get(variable).trim());
            }
        });
        for (int i = 0; i < args.size(); i += 2) {
            if (!FLAGS.containsKey(args.get(i)) || i + 1 == args.size()) {
                throw new ConfigException("unknown or incomplete option '" + args.get(i) + "'; usage: " + USAGE);
            }
            values.put(args.get(i), args.get(i + 1));
        }
        return new BenchmarkOptions(
                Duration.ofMillis(number(values, "--latency-ms", 150)),
                (int) number(values, "--connections", 16),
                Duration.ofSeconds(number(values, "--seconds", 10)),
                number(values, "--seed", 42));
    }

    private static long number(Map<String, String> values, String flag, long fallback) {
        var raw = values.get(flag);
        try {
            return raw == null ? fallback : Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " must be a whole number, was '" + raw + "'");
        }
    }
}
