package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.zendesk.Decision;
import io.engagementbridge.zendesk.Governor;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskClient;
import io.engagementbridge.zendesk.ZendeskClients;

import java.util.Optional;

/** What every CDP handler needs per work item: the connection, its settings and its Zendesk client and governor. */
final class CdpConnections {
    record Target(Connection connection, CdpSettings settings, ZendeskClient client, Governor governor, JobPoller.Sleeper sleeper) {

        /** Waits (briefly: only the account budget applies) for a read or an account-only write. */
        Decision.Permit await(WriteKind kind, String key) throws InterruptedException {
            return governor.await(kind, key, sleeper);
        }
    }

    private final ConnectedZendesk zendesk;
    private final JobPoller.Sleeper sleeper;

    CdpConnections(ConnectionRepository connections, ZendeskClients clients, ZendeskOAuthConfig operatorClient, JobPoller.Sleeper sleeper) {
        this.zendesk = new ConnectedZendesk(connections, clients, operatorClient);
        this.sleeper = sleeper;
    }

    /** Handles one stored message with its connection's Zendesk; the work of a removed connection is dead-lettered. */
    @FunctionalInterface
    interface MessageHandler {
        Outcome handle(WorkItem item, CdpMessage message, Target zendesk) throws Exception;
    }

    WorkHandler handler(ObjectMapper mapper, MessageHandler handler) {
        return item -> {
            var message = SegmentMessages.stored(mapper.readTree(item.payload()), item.createdAt());
            var target = target(item.connectionId());
            return target.isEmpty() ? Outcome.connectionRemoved() : handler.handle(item, message, target.get());
        };
    }

    Optional<Target> target(String connectionId) {
        return zendesk.find(connectionId).map(account -> new Target(account.connection(), CdpSettings.of(account.connection()), account.client(),
                account.governor(), sleeper));
    }
}
