package io.engagementbridge.cdp;

/** {@code track} messages: tickets created and updated, and every other event to Zendesk's Events API. */
final class TrackEvents {
    static final String TICKET_CREATED = "Ticket Created";
    static final String TICKET_UPDATED = "Ticket Updated";

    private TrackEvents() {
    }
}
