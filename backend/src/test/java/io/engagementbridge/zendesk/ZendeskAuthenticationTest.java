package io.engagementbridge.zendesk;

import io.engagementbridge.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.App;
import io.engagementbridge.zendesk.ZendeskFailure.Unauthorized;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.engagementbridge.zendesk.ZendeskFixtures.ACCESS_TOKEN;
import static io.engagementbridge.zendesk.ZendeskFixtures.API_TOKEN;
import static io.engagementbridge.zendesk.ZendeskFixtures.CLIENT_SECRET;
import static io.engagementbridge.zendesk.ZendeskFixtures.CONNECTION;
import static io.engagementbridge.zendesk.ZendeskFixtures.FRESH_ACCESS_TOKEN;
import static io.engagementbridge.zendesk.ZendeskFixtures.FRESH_REFRESH_TOKEN;
import static io.engagementbridge.zendesk.ZendeskFixtures.NOW;
import static io.engagementbridge.zendesk.ZendeskFixtures.REFRESH_TOKEN;
import static io.engagementbridge.zendesk.ZendeskFixtures.USER;
import static io.engagementbridge.zendesk.ZendeskFixtures.json;
import static io.engagementbridge.zendesk.ZendeskFixtures.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class ZendeskAuthenticationTest {
    @StartStop
    private final MockWebServer zendesk = new MockWebServer();
    private final ManualClock clock = new ManualClock(NOW);
    private final InMemoryTokenVault vault = new InMemoryTokenVault();

    private ZendeskClient oauthClient(java.time.Instant expiresAt) {
        var auth = new ZendeskAuth.OAuth(ACCESS_TOKEN, REFRESH_TOKEN, expiresAt, "bridge-client", CLIENT_SECRET);
        return ZendeskFixtures.client(zendesk, auth, vault, ResponseObserver.NONE, clock);
    }

    private static JsonNode body(RecordedRequest request) throws Exception {
        return App.mapper().readTree(request.getBody().utf8());
    }

    @Test
    void api_token_is_sent_as_basic_auth_of_email_slash_token() throws Exception {
        zendesk.enqueue(json(201, USER));
        ZendeskFixtures.apiTokenClient(zendesk).createOrUpdateUser(App.mapper().createObjectNode().put("email", "roge@example.org"));

        var request = zendesk.takeRequest();
        var expected = Base64.getEncoder().encodeToString(("admin@acme.example/token:" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + expected);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    }

    @Test
    void oauth_access_token_is_sent_as_bearer() throws Exception {
        zendesk.enqueue(json(200, USER));
        oauthClient(NOW.plus(Duration.ofMinutes(30))).showUser(35436);

        assertThat(zendesk.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(zendesk.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rejected_access_token_is_refreshed_once_then_the_call_is_retried_and_the_rotated_pair_is_stored() throws Exception {
        zendesk.enqueue(json(401, "{\"error\":\"invalid_token\",\"error_description\":\"The access token provided is expired, revoked, malformed or invalid for other reasons.\"}"));
        zendesk.enqueue(tokens(FRESH_ACCESS_TOKEN, FRESH_REFRESH_TOKEN, 1800));
        zendesk.enqueue(json(200, USER));

        var user = oauthClient(NOW.plus(Duration.ofMinutes(20))).showUser(35436);

        assertThat(user.path("name").asText()).isEqualTo("Roger Wilco");
        assertThat(zendesk.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        var refresh = zendesk.takeRequest();
        assertThat(refresh.getMethod() + " " + refresh.getUrl().encodedPath()).isEqualTo("POST /oauth/tokens");
        assertThat(refresh.getHeaders().get("Authorization")).isNull();
        var grant = body(refresh);
        assertThat(grant.path("grant_type").asText()).isEqualTo("refresh_token");
        assertThat(grant.path("refresh_token").asText()).isEqualTo(REFRESH_TOKEN);
        assertThat(grant.path("client_id").asText()).isEqualTo("bridge-client");
        assertThat(grant.path("client_secret").asText()).isEqualTo(CLIENT_SECRET);
        assertThat(zendesk.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + FRESH_ACCESS_TOKEN);
        assertThat(vault.current(CONNECTION)).contains(new Tokens(FRESH_ACCESS_TOKEN, FRESH_REFRESH_TOKEN, NOW.plusSeconds(1800)));
        assertThat(vault.used()).containsExactly(new Tokens(ACCESS_TOKEN, REFRESH_TOKEN, NOW.plus(Duration.ofMinutes(20))));
    }

    @Test
    void second_401_after_a_refresh_is_unauthorized_with_a_reconnect_hint() {
        zendesk.enqueue(json(401, "{\"error\":\"invalid_token\"}"));
        zendesk.enqueue(tokens(FRESH_ACCESS_TOKEN, FRESH_REFRESH_TOKEN, 1800));
        zendesk.enqueue(json(401, "{\"error\":\"invalid_token\"}"));

        var thrown = catchThrowableOfType(ZendeskException.class, () -> oauthClient(NOW.plus(Duration.ofMinutes(20))).showUser(35436));

        assertThat(thrown.failure()).isInstanceOfSatisfying(Unauthorized.class, u -> assertThat(u.hint()).contains("reconnect Zendesk"));
        assertThat(zendesk.getRequestCount()).isEqualTo(3);
    }

    @Test
    void expired_access_token_is_refreshed_before_the_call() throws Exception {
        zendesk.enqueue(tokens(FRESH_ACCESS_TOKEN, FRESH_REFRESH_TOKEN, 1800));
        zendesk.enqueue(json(200, USER));

        oauthClient(NOW.minusSeconds(5)).showUser(35436);

        assertThat(zendesk.takeRequest().getUrl().encodedPath()).isEqualTo("/oauth/tokens");
        assertThat(zendesk.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + FRESH_ACCESS_TOKEN);
    }

    @Test
    void concurrent_callers_on_an_expired_token_cause_exactly_one_refresh() throws Exception {
        var refreshes = new AtomicInteger();
        zendesk.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getUrl().encodedPath().equals("/oauth/tokens")) {
                    refreshes.incrementAndGet();
                    Thread.sleep(100);
                    return tokens(FRESH_ACCESS_TOKEN, FRESH_REFRESH_TOKEN, 1800);
                }
                return ("Bearer " + FRESH_ACCESS_TOKEN).equals(request.getHeaders().get("Authorization"))
                        ? json(200, USER) : json(401, "{\"error\":\"invalid_token\"}");
            }
        });
        var client = oauthClient(NOW.minusSeconds(5));
        var calls = new ArrayList<Callable<JsonNode>>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> client.showUser(35436));
        }
        var pool = Executors.newFixedThreadPool(8);
        try {
            for (var result : pool.invokeAll(calls)) {
                assertThat(result.get().path("id").asLong()).isEqualTo(35436);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(refreshes).hasValue(1);
        assertThat(vault.used()).hasSize(1);
    }

    @Test
    void a_pair_already_rotated_by_another_replica_is_used_without_refreshing_again() throws Exception {
        vault.rotated(CONNECTION, new Tokens(ACCESS_TOKEN, REFRESH_TOKEN, NOW), new Tokens(FRESH_ACCESS_TOKEN, FRESH_REFRESH_TOKEN, NOW.plusSeconds(1800)));
        zendesk.enqueue(json(200, USER));

        oauthClient(NOW.minusSeconds(5)).showUser(35436);

        assertThat(zendesk.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + FRESH_ACCESS_TOKEN);
        assertThat(zendesk.getRequestCount()).isEqualTo(1);
    }

    @Test
    void refresh_token_refused_by_zendesk_asks_to_reconnect_and_keeps_the_stored_pair() {
        zendesk.enqueue(json(401, "{\"error\":\"invalid_token\"}"));
        zendesk.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is invalid, expired, revoked, or was issued to another client.\"}"));

        var thrown = catchThrowableOfType(ZendeskException.class, () -> oauthClient(NOW.plus(Duration.ofMinutes(20))).showUser(35436));

        assertThat(thrown.failure()).isInstanceOfSatisfying(Unauthorized.class, u -> assertThat(u.hint()).contains("refresh token", "reconnect"));
        assertThat(vault.current(CONNECTION)).isEmpty();
    }

    @Test
    void client_credentials_are_granted_once_and_sent_as_bearer() throws Exception {
        zendesk.enqueue(tokens(ACCESS_TOKEN, null, 1800));
        zendesk.enqueue(json(200, USER));
        zendesk.enqueue(json(200, USER));
        var client = ZendeskFixtures.client(zendesk, new ZendeskAuth.ClientCredentials("bridge-client", CLIENT_SECRET), vault, ResponseObserver.NONE, clock);

        client.showUser(1);
        client.showUser(2);

        var grant = body(zendesk.takeRequest());
        assertThat(grant.path("grant_type").asText()).isEqualTo("client_credentials");
        assertThat(grant.path("client_id").asText()).isEqualTo("bridge-client");
        assertThat(grant.path("client_secret").asText()).isEqualTo(CLIENT_SECRET);
        assertThat(zendesk.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(zendesk.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(zendesk.getRequestCount()).isEqualTo(3);
    }

    @Test
    void rejected_client_credentials_token_is_granted_again_and_the_call_retried() throws Exception {
        zendesk.enqueue(tokens(ACCESS_TOKEN, null, 1800));
        zendesk.enqueue(json(401, "{\"error\":\"invalid_token\"}"));
        zendesk.enqueue(tokens(FRESH_ACCESS_TOKEN, null, 1800));
        zendesk.enqueue(json(200, USER));
        var client = ZendeskFixtures.client(zendesk, new ZendeskAuth.ClientCredentials("bridge-client", CLIENT_SECRET), vault, ResponseObserver.NONE, clock);

        assertThat(client.showUser(35436).path("id").asLong()).isEqualTo(35436);

        zendesk.takeRequest();
        zendesk.takeRequest();
        assertThat(body(zendesk.takeRequest()).path("grant_type").asText()).isEqualTo("client_credentials");
        assertThat(zendesk.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + FRESH_ACCESS_TOKEN);
    }

    @Test
    void rejected_api_token_is_not_retried_and_names_the_fix() {
        zendesk.enqueue(json(401, "{\"error\":\"Couldn't authenticate you\"}"));

        var thrown = catchThrowableOfType(ZendeskException.class, () -> ZendeskFixtures.apiTokenClient(zendesk).showUser(1));

        assertThat(thrown.failure()).isInstanceOfSatisfying(Unauthorized.class, u -> assertThat(u.hint()).contains("API token", "OAuth"));
        assertThat(zendesk.getRequestCount()).isEqualTo(1);
    }

    @Test
    void credentials_never_show_in_their_string_form() {
        var all = new ZendeskAuth.OAuth(ACCESS_TOKEN, REFRESH_TOKEN, NOW, "bridge-client", CLIENT_SECRET) + " "
                + new ZendeskAuth.ApiToken("a@b.c", API_TOKEN) + " " + new ZendeskAuth.ClientCredentials("id", CLIENT_SECRET) + " "
                + new Tokens(ACCESS_TOKEN, REFRESH_TOKEN, NOW);
        assertThat(all).doesNotContain(ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, API_TOKEN);
    }
}
