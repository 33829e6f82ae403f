package io.engagementbridge.priority;

import io.engagementbridge.zendesk.Governor;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;

import java.util.function.Supplier;

/**
 * One Zendesk call made inside its budgets: waits for the governor's permit, tells the governor when it
 * was answered, and on a 429 blocks the budget it names and tries again (a few times, then the 429 is
 * the caller's to turn into a retry).
 */
final class GovernedCall {
    private static final int MAX_THROTTLED_RETRIES = 3;

    private GovernedCall() {
    }

    static <T> T run(Governor governor, WriteKind kind, String key, JobPoller.Sleeper sleeper, Supplier<T> action) throws InterruptedException {
        return run(governor, kind, key, sleeper, MAX_THROTTLED_RETRIES, action);
    }

    /** As above, trying again after up to {@code maxThrottledRetries} 429s. */
    static <T> T run(Governor governor, WriteKind kind, String key, JobPoller.Sleeper sleeper, int maxThrottledRetries, Supplier<T> action)
            throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            var permit = governor.await(kind, key, sleeper);
            try {
                return action.get();
            } catch (ZendeskException e) {
                if (!(e.failure() instanceof ZendeskFailure.RateLimited limited) || attempt >= maxThrottledRetries) {
                    throw e;
                }
                governor.throttled(permit, limited.retryAfter());
            } finally {
                governor.answered(permit);
            }
        }
    }
}
