package io.engagementbridge.zendesk;

import io.engagementbridge.App;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.engagement.HttpClients;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Credentials, bodies and a client wired to a MockWebServer standing in for one Zendesk account. */
final class ZendeskFixtures {
    static final Instant NOW = Instant.parse("2026-11-21T10:15:00Z");
    static final String CONNECTION = "conn-acme";
    static final String API_TOKEN = ZendeskTestSecrets.API_TOKEN;
    static final String ACCESS_TOKEN = ZendeskTestSecrets.ACCESS_TOKEN;
    static final String REFRESH_TOKEN = ZendeskTestSecrets.REFRESH_TOKEN;
    static final String FRESH_ACCESS_TOKEN = ZendeskTestSecrets.FRESH_ACCESS_TOKEN;
    static final String FRESH_REFRESH_TOKEN = ZendeskTestSecrets.FRESH_REFRESH_TOKEN;
    static final String CLIENT_SECRET = ZendeskTestSecrets.CLIENT_SECRET;

    static final HostPolicy LOOPBACK = new HostPolicy(List.of(), true);
    static final okhttp3.OkHttpClient HTTP = HttpClients.upstream(Timeouts.DEFAULTS, LOOPBACK);

    private ZendeskFixtures() {
    }

    static ZendeskClient client(MockWebServer zendesk, ZendeskAuth auth, TokenVault vault, ResponseObserver observer, Clock clock) {
        return new ZendeskClient(HTTP, LOOPBACK, App.mapper(), clock, new ZendeskAccount(CONNECTION, zendesk.url("/"), auth), vault, observer);
    }

    static ZendeskClient apiTokenClient(MockWebServer zendesk) {
        return client(zendesk, new ZendeskAuth.ApiToken("admin@acme.example", API_TOKEN), new InMemoryTokenVault(), ResponseObserver.NONE, Clock.systemUTC());
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8")
                .addHeader("X-Rate-Limit", "700").addHeader("X-Rate-Limit-Remaining", "699").body(body).build();
    }

    static MockResponse tokens(String access, String refresh, int expiresIn) {
        return json(200, "{\"access_token\":\"" + access + "\",\"token_type\":\"bearer\",\"scope\":\"read write\","
                + (refresh == null ? "" : "\"refresh_token\":\"" + refresh + "\",\"refresh_token_expires_in\":2592000,")
                + "\"expires_in\":" + expiresIn + "}");
    }

    static final String USER = "{\"user\":{\"id\":35436,\"name\":\"Roger Wilco\",\"email\":\"roge@example.org\",\"external_id\":\"account_12345\",\"role\":\"end-user\"}}";
}
