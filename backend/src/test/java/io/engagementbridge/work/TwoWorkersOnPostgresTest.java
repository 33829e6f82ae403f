package io.engagementbridge.work;

import io.engagementbridge.connection.TestConnections;
import io.engagementbridge.store.Database;
import io.engagementbridge.store.TestDatabases;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replicas (two pools, two runners) drain one PostgreSQL queue: every item once, each key in order. */
class TwoWorkersOnPostgresTest {
    static final int ITEMS = 2_000;
    static final int KEYS = 50;

    @Test
    void two_workers_drain_2000_items_each_exactly_once_in_order_per_key() throws Exception {
        var config = TestDatabases.postgres();
        try (var first = Database.open(config); var second = Database.open(config)) {
            TestConnections.insert(first, "c_acme");
            var queue = new WorkRepository(first);
            for (int i = 0; i < ITEMS; i++) {
                queue.enqueue(new NewWork("c_acme", "upsert_user", "user:" + (i % KEYS), Integer.toString(i), "m-" + i), Clock.systemUTC().instant());
            }
            var runs = new ConcurrentHashMap<Long, AtomicInteger>();
            var orderByKey = new ConcurrentHashMap<String, List<Integer>>();
            var byWorker = new ConcurrentHashMap<String, AtomicInteger>();
            var settings = new WorkRunner.Settings(3, Duration.ofMillis(20), Duration.ofMinutes(1), 5, Backoff.DEFAULT);
            var runners = new ArrayList<WorkRunner>();
            for (var worker : List.of(Map.entry("replica-a", first), Map.entry("replica-b", second))) {
                WorkHandler handler = item -> {
                    runs.computeIfAbsent(item.id(), id -> new AtomicInteger()).incrementAndGet();
                    orderByKey.computeIfAbsent(item.key(), k -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(item.payload()));
                    byWorker.computeIfAbsent(worker.getKey(), w -> new AtomicInteger()).incrementAndGet();
                    return Outcome.DONE;
                };
                runners.add(new WorkRunner(new WorkRepository(worker.getValue()), Map.of("upsert_user", handler), settings, Clock.systemUTC(),
                        worker.getKey()).start());
            }
            var deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (queue.countsByState().get(WorkState.DONE) < ITEMS && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            runners.forEach(WorkRunner::close);

            assertThat(queue.countsByState()).containsEntry(WorkState.DONE, (long) ITEMS);
            assertThat(runs).hasSize(ITEMS);
            assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
            assertThat(orderByKey).hasSize(KEYS);
            orderByKey.values().forEach(order -> assertThat(order).isSorted().hasSize(ITEMS / KEYS));
            assertThat(byWorker.keySet()).containsExactlyInAnyOrder("replica-a", "replica-b");
        }
    }
}
