package io.engagementbridge.zendesk;

import java.time.Instant;

/** The governor's answer: go ahead, or come back at a given instant. It never sleeps for you. */
public sealed interface Decision {

    /**
     * The call may be made now ({@code at} is when the budget was spent). A {@link WriteKind#BULK_JOB}
     * permit holds a job slot until released.
     */
    record Permit(String account, WriteKind kind, String key, Instant at) implements Decision {
    }

    /** No budget now; asking again at {@code until} can succeed. */
    record Wait(Instant until) implements Decision {
    }
}
