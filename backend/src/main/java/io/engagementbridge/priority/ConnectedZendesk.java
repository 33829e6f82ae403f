package io.engagementbridge.priority;

import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.connection.ZendeskAccounts;
import io.engagementbridge.zendesk.ZendeskClients;

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
}
