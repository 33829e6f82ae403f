package io.engagementbridge.work;

import io.engagementbridge.connection.TestConnections;
import io.engagementbridge.store.Database;
import io.engagementbridge.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGKILL a worker process at random moments while it claims and runs work; restarted, it finishes everything. */
class KilledWorkerLosesNothingTest {
    static final int ITEMS = 300;

    @TempDir
    Path dir;

    Process worker(Path log) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashableWorker.class.getName(),
                dir.toString(), log.toString(), Integer.toString(ITEMS))
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker.out").toFile()).start();
    }

    @Test
    void a_worker_killed_with_sigkill_three_times_loses_no_item_and_repeats_at_most_one_per_thread_per_kill() throws Exception {
        try (var database = Database.open(StoreConfig.sqlite(dir))) {
            TestConnections.insert(database, "c_acme");
            var queue = new WorkRepository(database);
            for (int i = 0; i < ITEMS; i++) {
                queue.enqueue(new NewWork("c_acme", "upsert_user", "user:" + (i % 40), "{}", "m-" + i), Clock.systemUTC().instant());
            }
        }
        var log = dir.resolve("zendesk.log");
        var random = new Random(7);
        int kills = 0;
        for (int round = 0; round < 3; round++) {
            var process = worker(log);
            // Let it start and get into the middle of the work, then kill -9 (destroyForcibly is SIGKILL on Unix).
            var waitForSomeWrites = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            var target = (round + 1) * ITEMS / 5 + random.nextInt(ITEMS / 10);
            while (lines(log).size() < target && process.isAlive() && System.nanoTime() < waitForSomeWrites) {
                Thread.sleep(5);
            }
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
                kills++;
            }
        }
        var last = worker(log);
        assertThat(last.waitFor(90, TimeUnit.SECONDS)).as("restarted worker finished").isTrue();

        var written = lines(log);
        var expected = IntStream.range(0, ITEMS).mapToObj(i -> "m-" + i).collect(Collectors.toSet());
        assertThat(new HashSet<>(written)).isEqualTo(expected);
        assertThat(written.size() - ITEMS).as("repeats, each absorbed by the target's idempotency key").isLessThanOrEqualTo(kills * 2);
        assertThat(kills).isPositive();
        try (var database = Database.open(StoreConfig.sqlite(dir))) {
            assertThat(new WorkRepository(database).countsByState()).containsEntry(WorkState.DONE, (long) ITEMS)
                    .containsEntry(WorkState.PENDING, 0L).containsEntry(WorkState.RUNNING, 0L);
        }
    }

    private static List<String> lines(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }
}
