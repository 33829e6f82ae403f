package io.engagementbridge.profile;

import io.engagementbridge.config.Capacity;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Refresh-ahead reloads, kept out of the way of agents: each starts after a random delay of up to the
 * configured jitter (entries loaded together fall due together, so without it they would all reload
 * at once), at most {@link Capacity#refreshConcurrency()} run at a time, and none starts while a
 * foreground call is waiting for a connection.
 */
public final class BackgroundRefresh {
    static final Duration FOREGROUND_BACKOFF = Duration.ofMillis(50);

    private final int concurrency;
    private final Duration jitter;
    private final BooleanSupplier foregroundWaiting;
    private final Queue<Runnable> ready = new ArrayDeque<>();
    private int running;

    public BackgroundRefresh(Capacity capacity, BooleanSupplier foregroundWaiting) {
        this.concurrency = capacity.refreshConcurrency();
        this.jitter = capacity.refreshJitter();
        this.foregroundWaiting = foregroundWaiting;
    }

    /** Runs {@code reload} when its turn comes; the result completes with what it produced. */
    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> reload) {
        var result = new CompletableFuture<T>();
        Runnable start = () -> {
            CompletableFuture<T> running;
            try {
                running = reload.get();
            } catch (RuntimeException e) {
                running = CompletableFuture.failedFuture(e);
            }
            running.whenComplete((value, error) -> {
                finished();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        };
        var delay = jitter.isZero() ? 0 : ThreadLocalRandom.current().nextLong(jitter.toNanos());
        CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS).execute(() -> {
            synchronized (this) {
                ready.add(start);
            }
            drain();
        });
        return result;
    }

    private synchronized void finished() {
        running--;
        CompletableFuture.runAsync(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                if (ready.isEmpty() || running >= concurrency) {
                    return;
                }
                if (foregroundWaiting.getAsBoolean()) {
                    CompletableFuture.delayedExecutor(FOREGROUND_BACKOFF.toNanos(), TimeUnit.NANOSECONDS).execute(this::drain);
                    return;
                }
                next = ready.poll();
                running++;
            }
            next.run();
        }
    }
}
