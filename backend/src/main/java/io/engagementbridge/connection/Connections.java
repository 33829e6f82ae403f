package io.engagementbridge.connection;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Adding, listing and removing connections: what the operator CLI, the admin API and the app's Connect button share. */
public final class Connections {
    private final ConnectionRepository repository;
    private final String publicUrl;
    private final Clock clock;

    public Connections(ConnectionRepository repository, String publicUrl, Clock clock) {
        this.repository = repository;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** What {@code connections add} prints; the inbound token is shown here and never again. */
    public record Added(String id, String inboundToken, String webhookUrl) {
        @Override
        public String toString() {
            return "Added[" + id + ", ***, " + webhookUrl + "]";
        }
    }

    public Added add(ConnectionDefinition definition) {
        return add(definition, Optional.empty());
    }

    public Added add(ConnectionDefinition definition, Optional<String> installationKey) {
        var id = InboundTokens.newConnectionId();
        var token = InboundTokens.newToken();
        var connection = new Connection(id, definition.name(), definition.zendeskUrl(), definition.authType(),
                definition.engagementBaseUrl(), definition.engagementProjectToken(), installationKey,
                definition.settings() == null ? JsonNodeFactory.instance.objectNode() : definition.settings(), clock.instant());
        var secrets = new ConnectionSecrets(definition.zendesk(), definition.engagementKeyId(), definition.engagementKeySecret(),
                InboundTokens.newSigningSecret(), definition.brazeApiKey());
        repository.insert(connection, secrets, InboundTokens.hash(token));
        return new Added(id, token, webhookUrl(id));
    }

    /** The app's Connect Zendesk: the installation's connection, made or reconnected with this definition; returns its id. */
    public String connectInstallation(ConnectionDefinition definition, String installationKey) {
        return repository.reconnectInstallation(installationKey, definition)
                .orElseGet(() -> add(definition, Optional.of(installationKey)).id());
    }

    public String webhookUrl(String connectionId) {
        return publicUrl + "/v1/zendesk/webhook/" + connectionId;
    }

    public List<Connection> list() {
        return repository.list();
    }

    public Optional<Connection> find(String id) {
        return repository.find(id);
    }

    /** The connection an inbound bearer token belongs to, if any. */
    public Optional<Connection> byInboundToken(String token) {
        return token == null || token.isBlank() ? Optional.empty() : repository.findByInboundTokenHash(InboundTokens.hash(token.trim()));
    }

    /** A new inbound token for the connection, shown this once (the old one stops working); empty when there is no such connection. */
    public Optional<String> rotateInboundToken(String id) {
        var token = InboundTokens.newToken();
        return repository.replaceInboundTokenHash(id, InboundTokens.hash(token)) ? Optional.of(token) : Optional.empty();
    }

    public boolean remove(String id) {
        return repository.remove(id);
    }

    public ConnectionRepository repository() {
        return repository;
    }
}
