package io.engagementbridge.zendesk;

/** Hears every Zendesk response's budget signal; the account's {@link Governor} is the usual listener. */
@FunctionalInterface
public interface ResponseObserver {
    ResponseObserver NONE = signal -> {
    };

    void observe(RateLimitSignal signal);
}
