package io.engagementbridge.bench;

import java.time.Duration;

/**
 * One wrk run: latency percentiles, throughput, requests that failed or were not answered 2xx/3xx,
 * and the CPU time the serving JVM spent meanwhile, which other load on the machine barely changes.
 */
record LoadResult(Duration p50, Duration p95, Duration p99, double requestsPerSecond, long requests, long errors, Duration serverCpu) {

    LoadResult withServerCpu(Duration cpu) {
        return new LoadResult(p50, p95, p99, requestsPerSecond, requests, errors, cpu);
    }

    Duration serverCpuPerRequest() {
        return requests == 0 ? Duration.ZERO : serverCpu.dividedBy(requests);
    }
}
