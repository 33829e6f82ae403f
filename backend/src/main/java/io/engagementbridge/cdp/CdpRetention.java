package io.engagementbridge.cdp;

import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Forgets a connection's CDP message outcomes, finished imports and written-value stamps (which hold user keys)
 * once they are older than its retention ({@code cdp.retention_days}, else the operator's
 * {@code BRIDGE_CDP_RETENTION_DAYS}, else 30 days), then
 * queues its own next run an hour later: a chain per connection, started by the first message or import,
 * that keeps purging even when the CDP falls silent. Its idempotency key is the hour it is due in, so
 * starting it again while it runs is a no-op.
 */
final class CdpRetention implements WorkHandler {
    static final String KIND = "cdp_retention";
    static final Duration EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(CdpRetention.class);

    private final ConnectionRepository connections;
    private final MessageLog log;
    private final ImportStore imports;
    private final WorkRepository work;
    private final int defaultDays;
    private final Clock clock;

    CdpRetention(ConnectionRepository connections, MessageLog log, ImportStore imports, WorkRepository work, int defaultDays, Clock clock) {
        this.connections = connections;
        this.log = log;
        this.imports = imports;
        this.work = work;
        this.defaultDays = defaultDays;
        this.clock = clock;
    }

    /** The run due at {@code due}. */
    static NewWork due(String connectionId, Instant due) {
        var hour = due.getEpochSecond() / EVERY.toSeconds();
        return new NewWork(connectionId, KIND, "cdp-retention", "{}", "cdp-retention:" + hour);
    }

    @Override
    public Outcome handle(WorkItem item) {
        var connection = connections.find(item.connectionId());
        if (connection.isEmpty()) {
            return Outcome.DONE;
        }
        var now = clock.instant();
        var before = now.minus(CdpSettings.of(connection.get()).retention(defaultDays));
        var messages = log.purge(item.connectionId(), before);
        var finished = imports.purge(item.connectionId(), before);
        var stamps = log.purgeWrittenValues(item.connectionId(), before);
        if (messages > 0 || finished > 0 || stamps > 0) {
            LOG.info("CDP retention for connection {}: {} message outcomes, {} finished imports and {} written-value stamps older than {} forgotten",
                    item.connectionId(), messages, finished, stamps, before);
        }
        var next = now.plus(EVERY);
        // Stored as of when it is due: a purge waiting for its hour is not a backlog, and the backlog alert reads items' age.
        work.enqueue(due(item.connectionId(), next), next, next);
        return Outcome.DONE;
    }
}
