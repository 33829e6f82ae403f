package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionSecrets;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a connection's relayed events go (Engagement's batch endpoint, or Braze's {@code /users/track}): the kind of
 * send work its frozen events wait in, how many go in one request, and one request's answer as data. One attempt per
 * call; the sender owns retries, pauses and pace.
 */
interface RelayTarget {

    /** The work kind whose payloads are this target's frozen events. */
    String kind();

    /** Events per request, at most. */
    int maxBatch();

    /** Sends {@code events} (1 to {@link #maxBatch()}) for {@code connection} in one request. */
    Delivery deliver(Connection connection, ConnectionSecrets secrets, List<JsonNode> events);

    /** How one request ended. */
    sealed interface Delivery {
    }

    /** The target answered each event, in the order sent. */
    record Answered(List<EventResult> results) implements Delivery {
    }

    /**
     * Nothing about the events can be known: all are sent again. {@code throttled}: the target's rate limit, so the resend
     * costs no attempt; {@code targetTrouble}: the target itself is failing (5xx, timeouts, its limit), so every connection's
     * sends to it pause, rather than one connection's setting being wrong; {@code retryAfter}: when the target said to come back.
     */
    record Failed(String reasonKind, String reason, boolean throttled, boolean targetTrouble, Optional<Duration> retryAfter) implements Delivery {
    }

    /** One event's fate. */
    record EventResult(Fate fate, String reason) {
        static final EventResult ACCEPTED = new EventResult(Fate.ACCEPTED, "");

        static EventResult retry(String reason) {
            return new EventResult(Fate.RETRY, reason);
        }

        static EventResult invalid(String reason) {
            return new EventResult(Fate.INVALID, reason);
        }
    }

    enum Fate { ACCEPTED, RETRY, INVALID }
}
