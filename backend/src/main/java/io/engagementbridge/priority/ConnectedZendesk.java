package io.engagementbridge.priority;

import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.connection.ZendeskAccounts;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.zendesk.ZendeskClients;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;

import java.util.Optional;

/** A stored connection's Zendesk client and governor, for the work handlers of this package. */
public final class ConnectedZendesk {
    private final ConnectionRepository connections;
    private final ZendeskClients clients;
    private final ZendeskOAuthConfig operatorClient;

    public ConnectedZendesk(ConnectionRepository connections, ZendeskClients clients, ZendeskOAuthConfig operatorClient) {
        this.connections = connections;
        this.clients = clients;
        this.operatorClient = operatorClient;
    }

    /** Empty when the connection (or its secrets) is gone. */
    public Optional<ZendeskClients.Connected> connect(Connection connection) {
        return connections.secrets(connection.id()).map(secrets -> clients.connect(
                ZendeskAccounts.of(connection, secrets.secrets(), operatorClient), connection.planRequestsPerMinute()));
    }

    /** A Zendesk failure as the queue's outcome: Retry-After obeyed, transient ones retried, the rest dead-lettered with their hint. */
    static Outcome outcome(ZendeskException e) {
        var failure = e.failure();
        if (failure instanceof ZendeskFailure.RateLimited limited) {
            return Outcome.retryAfter(limited.retryAfter(), failure.summary());
        }
        return failure.retryable() ? Outcome.retry(failure.summary()) : Outcome.deadLetter(failure.summary() + ": " + failure.hint());
    }
}
