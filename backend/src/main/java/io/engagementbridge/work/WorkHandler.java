package io.engagementbridge.work;

/** Does one kind of work. A thrown exception counts as a transient failure and is retried with backoff. */
@FunctionalInterface
public interface WorkHandler {
    Outcome handle(WorkItem item) throws Exception;
}
