package io.engagementbridge.work;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Worker threads that claim due items, run the handler of their kind and record the outcome: done,
 * retried after the handler's delay or the backoff, or dead-lettered after {@code maxAttempts}.
 * Several runners (threads, processes, replicas) can share one store.
 */
public final class WorkRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkRunner.class);

    /** How the runner behaves; {@code lease} must outlast the slowest handler run. */
    public record Settings(int threads, Duration poll, Duration lease, int maxAttempts, Backoff backoff) {
        public static final Settings DEFAULTS = new Settings(2, Duration.ofMillis(250), Duration.ofMinutes(2), 12, Backoff.DEFAULT);
    }

    private final WorkRepository repository;
    private final Map<String, WorkHandler> handlers;
    private final Settings settings;
    private final Clock clock;
    private final String workerId;
    private final Semaphore wakeUp = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public WorkRunner(WorkRepository repository, Map<String, WorkHandler> handlers, Settings settings, Clock clock, String workerId) {
        this.repository = repository;
        this.handlers = Map.copyOf(handlers);
        this.settings = settings;
        this.clock = clock;
        this.workerId = workerId;
    }

    public synchronized WorkRunner start() {
        if (running || handlers.isEmpty()) {
            return this;
        }
        running = true;
        for (int i = 0; i < settings.threads(); i++) {
            var thread = new Thread(this::loop, "work-" + workerId + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /** Ask idle threads to look for work now (after an enqueue in this process). */
    public void wake() {
        wakeUp.release(settings.threads());
    }

    /** Claims and runs due items once on the calling thread; returns how many ran. For tests and tools. */
    public int runOnce(int limit) {
        var items = repository.claim(handlers.keySet(), limit, workerId, clock.instant(), settings.lease());
        items.forEach(this::run);
        return items.size();
    }

    private void loop() {
        while (running) {
            try {
                if (runOnce(1) == 0) {
                    wakeUp.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    // Closing: the store may already be closed under a handler that outlived the join.
                    return;
                }
                LOG.warn("Work queue unavailable ({}); retrying in {} ms", e.getClass().getSimpleName(), settings.poll().toMillis());
                sleepQuietly(settings.poll());
            }
        }
    }

    private void run(WorkItem item) {
        Outcome outcome;
        try {
            outcome = handlers.get(item.kind()).handle(item);
        } catch (Exception e) {
            // An unexpected failure keeps its stack trace; the log policy shows it once per type and site a minute, redacted.
            LOG.warn("{} #{} failed unexpectedly", item.kind(), item.id(), e);
            outcome = Outcome.retry("unexpected " + e.getClass().getSimpleName());
        }
        var now = clock.instant();
        if (outcome instanceof Outcome.Postponed postponed) {
            repository.postpone(item.id(), workerId, now.plus(postponed.after()), postponed.reason(), now);
        } else if (outcome instanceof Outcome.DeadLetter dead) {
            repository.deadLetter(item.id(), workerId, dead.reason(), now);
        } else if (outcome instanceof Outcome.Retry retry && item.attempts() >= settings.maxAttempts()) {
            repository.deadLetter(item.id(), workerId, "gave up after " + item.attempts() + " attempts: " + retry.reason(), now);
        } else if (outcome instanceof Outcome.Retry retry) {
            repository.retry(item.id(), workerId, now.plus(retry.after().orElseGet(() -> settings.backoff().after(item.attempts()))),
                    retry.reason(), now);
        } else {
            repository.complete(item.id(), workerId, now);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        wake();
        for (var thread : threads) {
            try {
                thread.join(5_000);
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }
}
