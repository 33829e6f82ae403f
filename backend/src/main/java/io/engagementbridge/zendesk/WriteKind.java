package io.engagementbridge.zendesk;

/** What a Zendesk call is, as far as the budgets are concerned; the key it is acquired with depends on the kind. */
public enum WriteKind {
    /** Any read, job poll or list: the account budget only. Key: anything (not used). */
    READ,
    /** Create or update one user: 5 per rolling minute per user. Key: ONE canonical id per user (its external_id, else e-mail). */
    USER_WRITE,
    /** Create or update one organization: 5 per rolling minute per organization. Key: its external_id. */
    ORGANIZATION_WRITE,
    /** Create a ticket: the account budget only. */
    TICKET_CREATE,
    /** Update Ticket: 100 per minute per account and 30 per 10 minutes per ticket. Key: the ticket id. */
    TICKET_UPDATE,
    /** Start a bulk job: at most 30 queued or running; the permit is held until {@link Governor#release}. Key: unique per job (e.g. the work item id). */
    BULK_JOB,
    /** Any other write (fields, triggers, webhooks, memberships, events): the account budget only. */
    OTHER_WRITE
}
