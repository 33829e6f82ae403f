package io.engagementbridge.connection;

import io.engagementbridge.zendesk.Governor;
import io.engagementbridge.zendesk.ZendeskClient;
import io.engagementbridge.zendesk.ZendeskClients;

/** A stored connection as a work handler acts through it: the connection, its secrets, and its account's Zendesk client and governor. */
public record ConnectedAccount(Connection connection, ConnectionSecrets secrets, ZendeskClients.Connected zendesk) {

    public ZendeskClient client() {
        return zendesk.client();
    }

    public Governor governor() {
        return zendesk.governor();
    }
}
