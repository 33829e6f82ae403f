package io.engagementbridge.relay;

/** What the relay reports to operators: events sent, retried, dead-lettered (with reason), and recovered by the sweep. */
public interface RelayMetrics {
    RelayMetrics NONE = new RelayMetrics() {
    };

    /** Events Engagement accepted. */
    default void sent(int events) {
    }

    /** Events to be sent again, and why (e.g. "429", "server_error", "failed_command"). */
    default void retried(int events, String reason) {
    }

    /** An event that will not be sent without a fix, by kind of reason (e.g. "validation", "gave_up", "ticket_gone"). */
    default void deadLettered(String reason) {
    }

    /** Events the catch-up sweep found missing and enqueued. */
    default void sweepRecovered(int events) {
    }
}
