package io.engagementbridge.zendesk;

/** A failed Zendesk call; the {@link #failure()} says what happened and what to fix. Has no stack trace: it is an expected outcome. */
public final class ZendeskException extends RuntimeException {
    private final transient ZendeskFailure failure;

    public ZendeskException(ZendeskFailure failure) {
        super(failure.summary(), null, false, false);
        this.failure = failure;
    }

    public ZendeskFailure failure() {
        return failure;
    }
}
