package io.engagementbridge.work;

import io.engagementbridge.store.Database;
import io.engagementbridge.store.StoreConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A worker process for crash tests: drains the queue in {@code args[0]}'s SQLite file, "writing"
 * each item to {@code args[1]} (an append-only log standing in for Zendesk) before completing it.
 */
public final class CrashableWorker {
    private CrashableWorker() {
    }

    public static void main(String[] args) throws Exception {
        var log = Path.of(args[1]);
        try (var database = Database.open(StoreConfig.sqlite(Path.of(args[0])))) {
            var repository = new WorkRepository(database);
            WorkHandler handler = item -> {
                Files.writeString(log, item.idempotencyKey() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.SYNC);
                Thread.sleep(2);
                return Outcome.DONE;
            };
            var settings = new WorkRunner.Settings(2, Duration.ofMillis(10), Duration.ofSeconds(5), 10, Backoff.DEFAULT);
            try (var runner = new WorkRunner(repository, Map.of("upsert_user", handler), settings, Clock.systemUTC(), "crashable").start()) {
                while (repository.countsByState().get(WorkState.DONE) < Long.parseLong(args[2])) {
                    Thread.sleep(20);
                }
            }
        }
    }
}
