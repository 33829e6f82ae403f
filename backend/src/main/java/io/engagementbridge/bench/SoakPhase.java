package io.engagementbridge.bench;

import java.time.Duration;
import java.util.SortedMap;

/**
 * What one soak phase measured. Statuses and server latencies come from the backend's own request log
 * (one line per request); {@code slowestWindowShare} is the least requests/s of any 10-second window
 * over the median window, so a dip (a refresh stampede, say) shows.
 */
record SoakPhase(String name, Duration duration, long requests, double requestsPerSecond, SortedMap<Integer, Long> statuses,
                 Duration p50, Duration p99, Duration max, long socketErrors, long timeouts,
                 long upstreamCalls, long sidebarOpens, long logBytes, long heapStart, long heapEnd, double slowestWindowShare) {

    long serverErrors() {
        return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(e -> e.getValue()).sum();
    }

    double callsPerOpen() {
        return sidebarOpens == 0 ? 0 : (double) upstreamCalls / sidebarOpens;
    }

    double logBytesPerRequest() {
        return requests == 0 ? 0 : (double) logBytes / requests;
    }
}
