package io.engagementbridge.cdp;

import io.engagementbridge.observability.Metrics;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.zendesk.Decision;
import io.engagementbridge.zendesk.Governor;
import io.engagementbridge.zendesk.ZendeskFailure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Records what became of one message (log and metrics) and tells the queue what to do with its work item. */
final class CdpOutcomes {
    private final MessageLog log;
    private final Metrics metrics;
    private final Clock clock;

    CdpOutcomes(MessageLog log, Metrics metrics, Clock clock) {
        this.log = log;
        this.metrics = metrics;
        this.clock = clock;
    }

    Outcome written(WorkItem item, CdpMessage message, List<String> notes) {
        // Counted before the outcome shows, so whoever reads the outcome also finds it in the metrics.
        metrics.cdpLag(Duration.between(item.createdAt(), clock.instant()));
        metrics.cdpMessage("written");
        log.finish(item.connectionId(), message.messageId(), MessageStatus.WRITTEN, notes.isEmpty() ? null : String.join("; ", notes), clock.instant());
        return Outcome.DONE;
    }

    /** The message cannot be written as it is: its outcome says why and how to fix it; the work is done. */
    Outcome failed(WorkItem item, CdpMessage message, String reason) {
        metrics.cdpMessage("failed");
        log.finish(item.connectionId(), message.messageId(), MessageStatus.FAILED, reason, clock.instant());
        return Outcome.DONE;
    }

    /** A Zendesk failure: waited out or retried when it is transient, else the message fails (dead-lettered when an admin must act). */
    Outcome zendesk(WorkItem item, CdpMessage message, ZendeskFailure failure, Governor governor, Decision.Permit permit, String what) {
        if (failure instanceof ZendeskFailure.RateLimited limited) {
            if (permit != null) {
                governor.throttled(permit, limited.retryAfter());
            }
            return Outcome.postpone(limited.retryAfter(), failure.summary());
        }
        if (failure.retryable()) {
            return Outcome.retry(failure.summary());
        }
        if (failure instanceof ZendeskFailure.Invalid invalid) {
            return failed(item, message, "Zendesk refused the " + what + ": " + invalid.errors().stream()
                    .map(error -> (error.field().isEmpty() ? "" : error.field() + ": ") + error.description()).collect(Collectors.joining("; ")));
        }
        if (failure instanceof ZendeskFailure.DuplicateValue || failure instanceof ZendeskFailure.BadRequest || failure instanceof ZendeskFailure.NotFound) {
            return failed(item, message, failure.summary() + ": " + failure.hint());
        }
        var reason = failure.summary() + ": " + failure.hint();
        failed(item, message, reason);
        return Outcome.deadLetter(reason);
    }

    /** The work waits for a budget: not a failure, not logged as one, and no attempt spent. */
    Outcome waitFor(Decision.Wait wait, String budget) {
        return Outcome.postpone(Duration.between(clock.instant(), wait.until()).plusMillis(1), "waiting for " + budget);
    }
}
