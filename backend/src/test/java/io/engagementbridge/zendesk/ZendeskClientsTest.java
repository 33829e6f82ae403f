package io.engagementbridge.zendesk;

import io.engagementbridge.ManualClock;
import io.engagementbridge.App;
import io.engagementbridge.zendesk.Decision.Wait;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import static io.engagementbridge.zendesk.ZendeskFixtures.API_TOKEN;
import static io.engagementbridge.zendesk.ZendeskFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class ZendeskClientsTest {
    @StartStop
    private final MockWebServer zendesk = new MockWebServer();
    private final ManualClock clock = new ManualClock(NOW);
    private final ZendeskClients clients = new ZendeskClients(ZendeskFixtures.HTTP, ZendeskFixtures.LOOPBACK, App.mapper(), clock,
            new InMemoryTokenVault(), new InMemoryGovernorLedger());

    private ZendeskAccount account(String token) {
        return new ZendeskAccount("conn-1", zendesk.url("/"), new ZendeskAuth.ApiToken("admin@acme.example", token));
    }

    @Test
    void a_connection_keeps_one_client_until_its_credentials_change() {
        var first = clients.connect(account(API_TOKEN), 700);

        assertThat(clients.connect(account(API_TOKEN), 700)).isSameAs(first);
        assertThat(clients.connect(account(API_TOKEN + "-rotated"), 700)).isNotSameAs(first);
    }

    @Test
    void the_connected_governor_hears_the_clients_responses() {
        var connected = clients.connect(account(API_TOKEN), 700);
        zendesk.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "9").addHeader("X-Rate-Limit-Remaining", "0").build());

        catchThrowableOfType(ZendeskException.class, () -> connected.client().showUser(1));

        assertThat(connected.governor().acquire(WriteKind.READ, "")).isEqualTo(new Wait(NOW.plusSeconds(9)));
    }
}
