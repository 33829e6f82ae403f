package io.engagementbridge.connection;

import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.zendesk.ZendeskClients;

import java.util.Optional;

/**
 * How a work handler reaches a connection's Zendesk: the stored connection, its secrets, and the process's one client and
 * governor for its account. Empty when the connection is gone; handlers answer that with {@code Outcome.connectionRemoved()}.
 */
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
    public Optional<ConnectedAccount> find(String connectionId) {
        return connections.find(connectionId).flatMap(connection -> connections.secrets(connectionId).map(versioned -> new ConnectedAccount(
                connection, versioned.secrets(), clients.connect(ZendeskAccounts.of(connection, versioned.secrets(), operatorClient),
                connection.planRequestsPerMinute()))));
    }

    /** Deletes the connection (its work goes with it) and drops its client. */
    public void remove(String connectionId) {
        clients.forget(connectionId);
        connections.remove(connectionId);
    }
}
