package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.zendesk.Decision;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code relay_ticket_event} work: reads the ticket (and, when the event carries no e-mail or an
 * external id is configured, its requester) from Zendesk through the account's governor, and stores the
 * finished Engagement command as {@code relay_send} work. The command is frozen there, so every resend is
 * byte-identical and Engagement's deduplication absorbs it; its idempotency key is the event's business key,
 * so the webhook and the sweep can never both send one event.
 */
public final class RelayTicketEvents implements WorkHandler {
    private final ConnectedZendesk zendesk;
    private final WorkRepository work;
    private final ObjectMapper mapper;
    /** The longest a read waits for its permit in hand; far below the work's lease. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Clock clock;
    private final JobPoller.Sleeper sleeper;

    public RelayTicketEvents(ConnectedZendesk zendesk, WorkRepository work, ObjectMapper mapper, Clock clock, JobPoller.Sleeper sleeper) {
        this.zendesk = zendesk;
        this.work = work;
        this.mapper = mapper;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Outcome handle(WorkItem item) throws InterruptedException {
        RelayTicketEvent event;
        try {
            event = mapper.readValue(item.payload(), RelayTicketEvent.class);
            event.relayAction();
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.deadLetter("the stored relay event is not readable");
        }
        var found = zendesk.find(item.connectionId());
        if (found.isEmpty()) {
            return Outcome.connectionRemoved();
        }
        var account = found.get();
        var connection = account.connection();
        RelaySettings settings;
        try {
            settings = RelaySettings.of(connection);
        } catch (RelaySettings.InvalidRelaySettings e) {
            return Outcome.deadLetter(e.getMessage());
        }
        try {
            var ticketPermit = account.governor().await(WriteKind.READ, null, sleeper, PATIENCE);
            if (ticketPermit instanceof Decision.Wait wait) {
                return waitFor(wait);
            }
            var ticket = account.client().showTicket(event.ticketId());
            var email = Optional.ofNullable(event.requesterEmail()).filter(e -> e.contains("@"));
            Optional<String> externalId = Optional.empty();
            if (email.isEmpty() || settings.externalIdName().isPresent()) {
                var userPermit = account.governor().await(WriteKind.READ, null, sleeper, PATIENCE);
                if (userPermit instanceof Decision.Wait wait) {
                    return waitFor(wait);
                }
                var requester = account.client().showUser(ticket.path("requester_id").asLong());
                email = email.or(() -> Optional.of(requester.path("email").asText("")).filter(e -> e.contains("@")));
                externalId = Optional.of(requester.path("external_id").asText("")).filter(id -> !id.isBlank());
            }
            if (email.isEmpty()) {
                return Outcome.deadLetter("the requester of ticket " + event.ticketId()
                        + " has no e-mail address, which Engagement needs to find the customer");
            }
            work.enqueue(send(item.connectionId(), event, ticket, settings, email.get(), externalId, connection.zendeskUrl()), clock.instant());
            return Outcome.DONE;
        } catch (ZendeskException e) {
            var failure = e.failure();
            if (failure instanceof ZendeskFailure.NotFound) {
                return Outcome.deadLetter("ticket " + event.ticketId() + " (or its requester) no longer exists in Zendesk");
            }
            if (failure instanceof ZendeskFailure.RateLimited limited) {
                // Throttled, not failed: the read was never served, so it costs no attempt.
                return Outcome.postpone(limited.retryAfter(), failure.summary());
            }
            return Outcome.of(failure);
        }
    }

    /**
     * No read budget for a while: come back when the governor says, without spending an attempt. Only short waits are
     * waited out in here ({@link #PATIENCE}): a wait longer than the work's lease would let another worker claim the same
     * read again, and handing every short wait back would make the queue spin through reads that are due but not yet allowed.
     */
    private Outcome waitFor(Decision.Wait wait) {
        return Outcome.postpone(Duration.between(clock.instant(), wait.until()).plusMillis(1), "waiting for Zendesk's read budget");
    }

    /** The frozen event for the connection's target, as send work in the ticket's line. */
    private NewWork send(String connectionId, RelayTicketEvent event, JsonNode ticket, RelaySettings settings, String email,
                         Optional<String> externalId, String zendeskUrl) {
        var timestamp = SupportTicketEvent.timestamp(event, ticket);
        // The key names the change by Zendesk's time of it, so a webhook without that time converges with the sweep here.
        var key = RelayTicketEvent.businessKey(event.ticketId(), event.relayAction(), Optional.of(timestamp)).orElseThrow();
        var line = RelayTicketEvent.orderingKey(event.ticketId());
        if (settings.toBraze()) {
            var brazeEvent = SupportTicketEvent.brazeEvent(mapper, event.relayAction(), timestamp, ticket, email,
                    settings.externalIdName().flatMap(name -> externalId), zendeskUrl);
            return new NewWork(connectionId, BrazeTarget.KIND, line, brazeEvent.toString(), "send:" + key);
        }
        var command = SupportTicketEvent.command(mapper, key, event.relayAction(), timestamp, ticket,
                SupportTicketEvent.customerIds(settings, email, externalId), zendeskUrl);
        return new NewWork(connectionId, RelaySender.KIND, line, command.toString(), "send:" + key);
    }
}
