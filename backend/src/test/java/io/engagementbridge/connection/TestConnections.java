package io.engagementbridge.connection;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.App;
import io.engagementbridge.store.Database;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Connections for tests, sealed under one master key generated per test run. */
public final class TestConnections {
    public static final String MASTER_KEY = MasterKey.generate();
    public static final String ZENDESK_TOKEN = "zendesk-api-token-that-must-not-leak";
    public static final String ENGAGEMENT_KEY_SECRET = "engagement-key-secret-that-must-not-leak";

    private TestConnections() {
    }

    public static ConnectionRepository repository(Database database, Clock clock) {
        return new ConnectionRepository(database, MasterKey.open(MASTER_KEY), App.mapper(), clock);
    }

    /** Stores an API-token connection with id {@code id} and returns it. */
    public static Connection insert(Database database, String id) {
        var connection = new Connection(id, "Test " + id, "https://" + id.replace('_', '-') + ".zendesk.com", AuthType.API_TOKEN,
                "https://api.exponea.com", "project-token", Optional.empty(), JsonNodeFactory.instance.objectNode(), Instant.EPOCH);
        var secrets = new ConnectionSecrets(ZendeskSecrets.apiToken("admin@example.com", ZENDESK_TOKEN), "key-id", ENGAGEMENT_KEY_SECRET,
                "signing-secret-" + id);
        repository(database, Clock.systemUTC()).insert(connection, secrets, InboundTokens.hash("token-" + id));
        return connection;
    }
}
