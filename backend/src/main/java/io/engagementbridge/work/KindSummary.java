package io.engagementbridge.work;

import java.time.Instant;
import java.util.Optional;

/** One kind of a connection's work at a glance: what waits, what runs, what finished lately, what is dead, and how old the oldest waiting item is. */
public record KindSummary(String kind, long pending, long running, long doneRecently, long dead, Optional<Instant> oldestUnfinished) {
}
