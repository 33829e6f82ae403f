package io.engagementbridge.connection;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.App;
import io.engagementbridge.WriteSide;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.store.TestDatabases;
import io.engagementbridge.zendesk.ResponseObserver;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A rotated OAuth pair lands in the store, so the next process (or replica) authenticates with it. */
class StoredTokenVaultTest {
    static final String OLD_ACCESS = "old-access-token-that-must-not-leak";
    static final String OLD_REFRESH = "old-refresh-token-that-must-not-leak";
    static final String NEW_ACCESS = "new-access-token-that-must-not-leak";
    static final String NEW_REFRESH = "new-refresh-token-that-must-not-leak";

    @StartStop
    final MockWebServer zendesk = new MockWebServer();
    @TempDir
    Path dir;

    WriteSide open() {
        return WriteSide.open(new WriteSideConfig(TestDatabases.sqlite(dir), TestConnections.MASTER_KEY, new HostPolicy(List.of(), true), null),
                App.mapper(), Clock.systemUTC());
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void a_refreshed_pair_is_stored_sealed_and_used_by_the_next_process() throws Exception {
        String connectionId;
        try (var writeSide = open()) {
            var zendeskSecrets = new ZendeskSecrets("bridge-client", "bridge-client-secret", OLD_ACCESS, OLD_REFRESH,
                    Instant.now().minusSeconds(60).getEpochSecond(), null, null);
            var connection = new Connection("c_oauth", "Acme", zendesk.url("/").toString().replaceAll("/$", ""), AuthType.OAUTH_AUTHORIZATION_CODE,
                    "https://api.exponea.com", "p", Optional.of("installation"), JsonNodeFactory.instance.objectNode(), Instant.now());
            writeSide.connectionRepository().insert(connection, new ConnectionSecrets(zendeskSecrets, "k", "s", "w"), "hash");
            connectionId = connection.id();

            zendesk.enqueue(json(200, "{\"access_token\":\"" + NEW_ACCESS + "\",\"refresh_token\":\"" + NEW_REFRESH
                    + "\",\"token_type\":\"bearer\",\"expires_in\":1800}"));
            zendesk.enqueue(json(200, "{\"user\":{\"id\":1,\"name\":\"Ada\"}}"));
            client(writeSide, connectionId).showUser(1);

            assertThat(zendesk.takeRequest().getTarget()).isEqualTo("/oauth/tokens");
            var stored = writeSide.connectionRepository().secrets(connectionId).orElseThrow();
            assertThat(stored.secrets().zendesk().refreshToken()).isEqualTo(NEW_REFRESH);
            assertThat(stored.version()).isEqualTo(2);
        }
        try (var restarted = open()) {
            zendesk.enqueue(json(200, "{\"user\":{\"id\":1,\"name\":\"Ada\"}}"));
            client(restarted, connectionId).showUser(1);
            zendesk.takeRequest();
            assertThat(zendesk.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + NEW_ACCESS);
        }
    }

    private static io.engagementbridge.zendesk.ZendeskClient client(WriteSide writeSide, String connectionId) {
        var connection = writeSide.connectionRepository().find(connectionId).orElseThrow();
        var secrets = writeSide.connectionRepository().secrets(connectionId).orElseThrow().secrets();
        var http = HttpClients.upstream(Timeouts.DEFAULTS, writeSide.config().zendeskHosts());
        return writeSide.zendeskClients(http, App.mapper(), Clock.systemUTC(), ResponseObserver.NONE)
                .connect(ZendeskAccounts.of(connection, secrets), 700).client();
    }
}
