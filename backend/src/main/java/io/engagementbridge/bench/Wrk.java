package io.engagementbridge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Load from a second process: wrk POSTs one body (or numbered variants of it) with fixed headers, and
 * its Lua script prints p50/p95/p99 (wrk's own {@code --latency} table has no p95), request count,
 * duration and errors.
 */
final class Wrk {
    static final String EXECUTABLE = "/usr/bin/wrk";
    static final int THREADS = 2;

    static final String COUNTER = "{{n}}";

    /** Threads are numbered in setup (the main Lua state) so that the two threads' counters never meet. */
    private static final String VARYING = """
            local threads = 0
            setup = function(thread)
              threads = threads + 1
              thread:set("thread_number", threads)
            end
            local at = string.find(body, counter, 1, true)
            if at then
              local before, after, n = body:sub(1, at - 1), body:sub(at + #counter), 0
              request = function()
                n = n + 1
                return wrk.format(nil, nil, nil, before .. thread_number .. "-" .. n .. after)
              end
            end
            """;

    private static final String DONE = """
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT %d %d %d %d %d %d\\n",
                latency:percentile(50), latency:percentile(95), latency:percentile(99),
                summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout))
            end
            """;

    private final Path script;

    private Wrk(Path script) {
        this.script = script;
    }

    /**
     * Writes the body and a Lua script that sends it to temporary files, deleted when the JVM exits. Each
     * {@value #COUNTER} in the body becomes a number unique to the request, so no two bodies are alike.
     */
    static Wrk posting(String body, Map<String, String> headers) {
        try {
            var bodyFile = Files.writeString(temporaryFile(".json"), body, StandardCharsets.UTF_8);
            var lua = new StringBuilder()
                    .append("local file = assert(io.open(").append(quote(bodyFile.toString())).append(", \"rb\"))\n")
                    .append("local body = file:read(\"*a\")\n")
                    .append("file:close()\n")
                    .append("local counter = ").append(quote(COUNTER)).append('\n')
                    .append("wrk.method = \"POST\"\n")
                    .append("wrk.body = body\n");
            headers.forEach((name, value) -> lua.append("wrk.headers[").append(quote(name)).append("] = ").append(quote(value)).append('\n'));
            return new Wrk(Files.writeString(temporaryFile(".lua"), lua.append(VARYING).append(DONE), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The soak's mix: each request picks, by the script's own random numbers, a hostile body ({@code hostilePercent}),
     * the unknown-customer body with {@value #COUNTER} replaced by a fresh number ({@code unknownPercent}), or one of the
     * known bodies. Its RESULT line also counts statuses by class and socket errors and timeouts apart.
     */
    static Wrk mixing(List<String> known, List<String> hostile, String unknown, int hostilePercent, int unknownPercent,
                      Map<String, String> headers, long seed) {
        try {
            var bodies = new StringBuilder();
            known.forEach(body -> bodies.append("known ").append(body).append('\n'));
            hostile.forEach(body -> bodies.append("hostile ").append(body).append('\n'));
            bodies.append("unknown ").append(unknown).append('\n');
            var bodyFile = Files.writeString(temporaryFile(".bodies"), bodies, StandardCharsets.UTF_8);
            var lua = new StringBuilder()
                    .append("local known, hostile, unknown = {}, {}, nil\n")
                    .append("for line in io.lines(").append(quote(bodyFile.toString())).append(") do\n")
                    .append("  local kind, body = line:match(\"^(%a+) (.*)$\")\n")
                    .append("  if kind == \"known\" then known[#known + 1] = body elseif kind == \"hostile\" then hostile[#hostile + 1] = body else unknown = body end\n")
                    .append("end\n")
                    .append("local counter = ").append(quote(COUNTER)).append('\n')
                    .append("local hostilePercent, unknownPercent, seed = ").append(hostilePercent).append(", ").append(unknownPercent)
                    .append(", ").append(seed).append('\n')
                    .append("wrk.method = \"POST\"\n");
            headers.forEach((name, value) -> lua.append("wrk.headers[").append(quote(name)).append("] = ").append(quote(value)).append('\n'));
            return new Wrk(Files.writeString(temporaryFile(".lua"), lua.append(MIXING), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String MIXING = """
            local threads = {}
            setup = function(thread)
              threads[#threads + 1] = thread
              thread:set("thread_number", #threads)
            end
            local prepared = {}
            init = function(args)
              math.randomseed(seed + thread_number)
              for i, body in ipairs(known) do prepared[i] = wrk.format(nil, nil, nil, body) end
            end
            request = function()
              local r = math.random(100)
              if r <= hostilePercent then
                return wrk.format(nil, nil, nil, hostile[math.random(#hostile)])
              end
              if r <= hostilePercent + unknownPercent then
                local at = string.find(unknown, counter, 1, true)
                return wrk.format(nil, nil, nil, unknown:sub(1, at - 1) .. thread_number .. "-" .. math.random(1, 2000000000) .. unknown:sub(at + #counter))
              end
              return prepared[math.random(#prepared)]
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT %d %d %d %d %d %d %d %d\\n",
                latency:percentile(50), latency:percentile(99), latency.max,
                summary.requests, summary.duration, e.connect + e.read + e.write, e.timeout, e.status))
            end
            """;

    LoadResult run(URI url, int connections, Duration duration) {
        return parse(output(url, connections, duration, Duration.ofSeconds(5)));
    }

    /** What wrk printed; {@code timeout} is how long it waits for one answer before counting a timeout. */
    String output(URI url, int connections, Duration duration, Duration timeout) {
        var command = List.of(EXECUTABLE, "-t" + THREADS, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", timeout.toSeconds() + "s", "-s", script.toString(), url.toString());
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (var stdout = process.getInputStream()) {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk failed: " + String.join(" ", command) + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + EXECUTABLE + " (is wrk installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk was running", e);
        }
    }

    static LoadResult parse(String output) {
        var line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no RESULT line:\n" + output));
        var numbers = line.substring("RESULT ".length()).trim().split("\\s+");
        var requests = Long.parseLong(numbers[3]);
        var micros = Long.parseLong(numbers[4]);
        return new LoadResult(micros(numbers[0]), micros(numbers[1]), micros(numbers[2]),
                requests * 1_000_000.0 / micros, requests, Long.parseLong(numbers[5]), Duration.ZERO);
    }

    private static Path temporaryFile(String suffix) throws IOException {
        var file = Files.createTempFile("engagement-bridge-benchmark", suffix);
        file.toFile().deleteOnExit();
        return file;
    }

    private static Duration micros(String value) {
        return Duration.ofNanos(Long.parseLong(value) * 1000);
    }

    private static String quote(String text) {
        return text.chars().mapToObj(c -> switch (c) {
            case '\\' -> "\\\\";
            case '"' -> "\\\"";
            case '\n' -> "\\n";
            default -> String.valueOf((char) c);
        }).collect(Collectors.joining("", "\"", "\""));
    }
}
