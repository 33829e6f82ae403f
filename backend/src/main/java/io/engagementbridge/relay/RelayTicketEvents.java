package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.connection.ZendeskAccounts;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@code relay_ticket_event} work: reads the ticket (and, when the event carries no e-mail or an
 * external id is configured, its requester) from Zendesk through the account's governor, and stores the
 * finished Engagement command as {@code relay_send} work. The command is frozen there, so every resend is
 * byte-identical and Engagement's deduplication absorbs it; its idempotency key is the event's business key,
 * so the webhook and the sweep can never both send one event.
 */
public final class RelayTicketEvents implements WorkHandler {
    private final ConnectionRepository connections;
    private final io.engagementbridge.zendesk.ZendeskClients clients;
    private final ZendeskOAuthConfig operatorClient;
    private final WorkRepository work;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final JobPoller.Sleeper sleeper;

    public RelayTicketEvents(ConnectionRepository connections, io.engagementbridge.zendesk.ZendeskClients clients, ZendeskOAuthConfig operatorClient,
                             WorkRepository work, ObjectMapper mapper, Clock clock, JobPoller.Sleeper sleeper) {
        this.connections = connections;
        this.clients = clients;
        this.operatorClient = operatorClient;
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
        var connection = connections.find(item.connectionId());
        var secrets = connections.secrets(item.connectionId());
        if (connection.isEmpty() || secrets.isEmpty()) {
            return Outcome.deadLetter("the connection was removed before the event was relayed");
        }
        RelaySettings settings;
        try {
            settings = RelaySettings.of(connection.get());
        } catch (RelaySettings.InvalidRelaySettings e) {
            return Outcome.deadLetter(e.getMessage());
        }
        var zendesk = clients.connect(ZendeskAccounts.of(connection.get(), secrets.get().secrets(), operatorClient),
                connection.get().planRequestsPerMinute());
        try {
            zendesk.governor().await(WriteKind.READ, null, sleeper);
            var ticket = zendesk.client().showTicket(event.ticketId());
            var email = Optional.ofNullable(event.requesterEmail()).filter(e -> e.contains("@"));
            Optional<String> externalId = Optional.empty();
            if (email.isEmpty() || settings.externalIdName().isPresent()) {
                zendesk.governor().await(WriteKind.READ, null, sleeper);
                var requester = zendesk.client().showUser(ticket.path("requester_id").asLong());
                email = email.or(() -> Optional.of(requester.path("email").asText("")).filter(e -> e.contains("@")));
                externalId = Optional.of(requester.path("external_id").asText("")).filter(id -> !id.isBlank());
            }
            if (email.isEmpty()) {
                return Outcome.deadLetter("the requester of ticket " + event.ticketId()
                        + " has no e-mail address, which Engagement needs to find the customer");
            }
            var command = command(event, ticket, settings, email.get(), externalId, connection.get().zendeskUrl());
            work.enqueue(new NewWork(item.connectionId(), RelaySender.KIND, RelayTicketEvent.orderingKey(event.ticketId()), command.toString(),
                    "send:" + command.path("command_id").asText()), clock.instant());
            return Outcome.DONE;
        } catch (ZendeskException e) {
            var failure = e.failure();
            if (failure instanceof ZendeskFailure.NotFound) {
                return Outcome.deadLetter("ticket " + event.ticketId() + " (or its requester) no longer exists in Zendesk");
            }
            return Outcome.of(failure);
        }
    }

    private JsonNode command(RelayTicketEvent event, JsonNode ticket, RelaySettings settings, String email, Optional<String> externalId,
                             String zendeskUrl) {
        var timestamp = SupportTicketEvent.timestamp(event, ticket);
        // The key names the change by Zendesk's time of it, so a webhook without that time converges with the sweep here.
        var key = RelayTicketEvent.businessKey(event.ticketId(), event.relayAction(), Optional.of(timestamp)).orElseThrow();
        return SupportTicketEvent.command(mapper, key, event.relayAction(), timestamp, ticket,
                SupportTicketEvent.customerIds(settings, email, externalId), zendeskUrl);
    }
}
