package io.engagementbridge.oauth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.App;
import io.engagementbridge.TestBackends;
import io.engagementbridge.WriteSide;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.CallerPolicy;
import io.engagementbridge.config.ConfigException;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.connection.AuthType;
import io.engagementbridge.connection.TestConnections;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.priority.ProvisionConnection;
import io.engagementbridge.work.WorkItem;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An admin connects Zendesk from the app; MockWebServer plays Zendesk's OAuth token endpoints. */
final class ConnectZendeskTest {
    static final String SHARED_A = "installation-a-shared-secret";
    static final String SHARED_B = "installation-b-shared-secret";
    static final String CLIENT_ID = "engagement_bridge";
    static final String CLIENT_SECRET = "operator-oauth-client-secret-that-must-not-leak";
    static final String ACCESS_TOKEN = "zendesk-oauth-access-token-that-must-not-leak";
    static final String REFRESH_TOKEN = "zendesk-oauth-refresh-token-that-must-not-leak";
    private static final String BACKEND = "https://bridge.example.com";
    private static final String CALLBACK = BACKEND + "/v1/oauth/zendesk/callback";

    @StartStop
    private final MockWebServer zendesk = new MockWebServer();
    /** Scripted answers for Zendesk's OAuth token endpoints, in order, and the requests they answered. */
    private final BlockingQueue<MockResponse> tokenAnswers = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordedRequest> tokenRequests = new LinkedBlockingQueue<>();
    /** Every other request Zendesk got (provisioning, deprovisioning), in order. */
    private final List<String> otherZendeskRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Connecting queues provisioning, which the backend's workers run against this same server at their own pace:
     * they get 503 with a long Retry-After, so they never take an answer scripted for the token exchange.
     */
    @BeforeEach
    void scriptZendesk() {
        zendesk.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                var path = request.getTarget();
                if (path == null || !(path.startsWith("/oauth/tokens") || path.startsWith("/api/v2/oauth/tokens"))) {
                    otherZendeskRequests.add(request.getMethod() + " " + path);
                    return new MockResponse.Builder().code(503).addHeader("Retry-After", "3600").build();
                }
                tokenRequests.add(request);
                var answer = tokenAnswers.poll();
                return answer != null ? answer : new MockResponse.Builder().code(500).build();
            }
        });
    }
    @TempDir
    Path dataDir;
    private final TestBackends backends = new TestBackends();
    private WriteSide writeSide;

    @AfterEach
    void close() {
        if (writeSide != null) {
            writeSide.close();
        }
    }

    private Javalin app(boolean withOAuthClient) {
        var env = new HashMap<String, String>();
        env.put("BRIDGE_DATA_DIR", dataDir.toString());
        env.put("BRIDGE_MASTER_KEY", TestConnections.MASTER_KEY);
        env.put("BRIDGE_ALLOW_HTTP_LOOPBACK", "true");
        env.put("BRIDGE_ZENDESK_URL_TEMPLATE", "http://127.0.0.1:" + zendesk.getPort());
        if (withOAuthClient) {
            env.put("BRIDGE_ZENDESK_CLIENT_ID", CLIENT_ID);
            env.put("BRIDGE_ZENDESK_CLIENT_SECRET", CLIENT_SECRET);
        }
        writeSide = WriteSide.open(WriteSideConfig.fromEnv(env), App.mapper(), backends.clock);
        var config = BridgeConfig.forLoopback(0).withCallers(new CallerPolicy(List.of(SHARED_A, SHARED_B), BACKEND, 1000));
        return App.create(config, new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy()), backends.nanos::get,
                backends.clock), writeSide);
    }

    private Javalin app() {
        return app(true);
    }

    private String jwt(String secret, String subdomain) {
        var now = backends.clock.instant();
        return JWT.create().withAudience(BACKEND).withIssuer(subdomain).withIssuedAt(now).withExpiresAt(now.plus(Duration.ofMinutes(5)))
                .sign(Algorithm.HMAC256(secret));
    }

    private static String body(String role) {
        return """
                {"agent": {"role": "%s", "locale": "de-DE", "timeZone": "Europe/Berlin"},
                 "settings": {"title": "Customer value", "engagement_api_base_url": "http://127.0.0.1:9/",
                              "engagement_project_token": "cc7cc3c6-6b36-a11b-ffaa-52f58fe58f19"}}""".formatted(role);
    }

    /** What the iframe sends through Zendesk's proxy: the key pair filled into headers, the JWT signed with the installation's secret. */
    private static Response call(HttpClient client, String path, String token, String body) {
        return client.post(path, body, req -> req.header("Authorization", "Bearer " + token)
                .header("X-Engagement-Key-Id", TestBackends.KEY_ID).header("X-Engagement-Key-Secret", TestBackends.SECRET));
    }

    private static JsonNode json(Response response) {
        try {
            return App.mapper().readTree(response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpUrl startConnect(HttpClient client, String token) {
        var response = call(client, "/v1/app/connect", token, body("admin"));
        assertThat(response.code()).isEqualTo(200);
        return HttpUrl.get(json(response).path("authorize_url").asText());
    }

    /** The admin's browser coming back from Zendesk's approve page. */
    private static Response approve(HttpClient client, HttpUrl authorizeUrl) {
        return client.get("/v1/oauth/zendesk/callback?code=the-code&state=" + authorizeUrl.queryParameter("state"),
                req -> req.header("Accept-Language", "de-DE,de;q=0.9"));
    }

    private void tokensAnswer(String access, String refresh) {
        tokenAnswers.add(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("""
                {"access_token": "%s", "refresh_token": "%s", "token_type": "bearer", "scope": "read write", "expires_in": 1800}"""
                .formatted(access, refresh)).build());
    }

    private static String installationKey(String secret, String subdomain) {
        var verified = new io.engagementbridge.access.ZendeskJwt(new CallerPolicy(List.of(secret), BACKEND, 1000), java.time.Clock.systemUTC());
        var token = JWT.create().withAudience(BACKEND).withIssuer(subdomain).withIssuedAt(java.time.Instant.now())
                .withExpiresAt(java.time.Instant.now().plusSeconds(60)).sign(Algorithm.HMAC256(secret));
        return Installation.of(verified.verify("Bearer " + token).verified()).orElseThrow().key();
    }

    private long pendingStates() {
        return writeSide.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oauth_states").mapTo(Long.class).one());
    }

    private String databaseFiles() {
        try (Stream<Path> files = Files.list(dataDir)) {
            var all = new StringBuilder();
            for (var file : files.toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RecordedRequest nextZendeskRequest() throws InterruptedException {
        var request = tokenRequests.poll(5, TimeUnit.SECONDS);
        assertThat(request).as("a request to Zendesk").isNotNull();
        return request;
    }

    @Test
    void connect_answers_an_authorize_url_on_the_installations_zendesk_for_the_operators_client() {
        JavalinTest.test(app(), (server, client) -> {
            var url = startConnect(client, jwt(SHARED_A, "acme"));
            assertThat(url.toString()).startsWith("http://127.0.0.1:" + zendesk.getPort() + "/oauth/authorizations/new?response_type=code&")
                    .contains("&scope=read%20write&");
            assertThat(url.queryParameter("client_id")).isEqualTo(CLIENT_ID);
            assertThat(url.queryParameter("redirect_uri")).isEqualTo(CALLBACK);
            assertThat(url.queryParameter("state")).hasSizeGreaterThanOrEqualTo(40);
            assertThat(url.toString()).doesNotContain(CLIENT_SECRET, TestBackends.SECRET);
        });
    }

    @Test
    void approved_connection_holds_the_granted_tokens_sealed_and_nothing_secret_in_the_database_file() {
        tokensAnswer(ACCESS_TOKEN, REFRESH_TOKEN);
        JavalinTest.test(app(), (server, client) -> {
            var page = approve(client, startConnect(client, jwt(SHARED_A, "acme")));
            assertThat(page.code()).isEqualTo(200);
            assertThat(page.body().string()).contains("Mit Zendesk verbunden", "Sie können diesen Tab schließen", "http://127.0.0.1:" + zendesk.getPort());

            var exchange = nextZendeskRequest();
            assertThat(exchange.getMethod()).isEqualTo("POST");
            assertThat(exchange.getTarget()).isEqualTo("/oauth/tokens");
            assertThat(App.mapper().readTree(exchange.getBody().utf8())).isEqualTo(App.mapper().readTree("""
                    {"grant_type": "authorization_code", "code": "the-code", "client_id": "%s", "client_secret": "%s",
                     "redirect_uri": "%s", "scope": "read write"}""".formatted(CLIENT_ID, CLIENT_SECRET, CALLBACK)));

            var repository = writeSide.connectionRepository();
            var connection = repository.findByInstallation(installationKey(SHARED_A, "acme")).orElseThrow();
            assertThat(connection.authType()).isEqualTo(AuthType.OAUTH_AUTHORIZATION_CODE);
            assertThat(connection.zendeskUrl()).isEqualTo("http://127.0.0.1:" + zendesk.getPort());
            assertThat(connection.engagementProjectToken()).isEqualTo("cc7cc3c6-6b36-a11b-ffaa-52f58fe58f19");
            var secrets = repository.secrets(connection.id()).orElseThrow().secrets();
            assertThat(secrets.zendesk().accessToken()).isEqualTo(ACCESS_TOKEN);
            assertThat(secrets.zendesk().refreshToken()).isEqualTo(REFRESH_TOKEN);
            assertThat(secrets.zendesk().expiresAt()).isEqualTo(backends.clock.instant().getEpochSecond() + 1800);
            assertThat(secrets.engagementKeyId()).isEqualTo(TestBackends.KEY_ID);
            assertThat(secrets.engagementKeySecret()).isEqualTo(TestBackends.SECRET);
            assertThat(databaseFiles()).contains("cc7cc3c6-6b36-a11b-ffaa-52f58fe58f19")
                    .doesNotContain(ACCESS_TOKEN, REFRESH_TOKEN, TestBackends.SECRET, CLIENT_SECRET);
        });
    }

    @Test
    void connecting_and_reconnecting_each_queue_provisioning_of_the_zendesk_account() {
        tokensAnswer(ACCESS_TOKEN, REFRESH_TOKEN);
        tokensAnswer(ACCESS_TOKEN, REFRESH_TOKEN);
        JavalinTest.test(app(), (server, client) -> {
            var token = jwt(SHARED_A, "acme");
            approve(client, startConnect(client, token));
            backends.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            approve(client, startConnect(client, token));

            var id = writeSide.connectionRepository().list().get(0).id();
            // Waiting or already tried by a worker: either way, each connect queued its own provisioning.
            assertThat(writeSide.work().recent(id, ProvisionConnection.KIND, 10)).extracting(WorkItem::kind)
                    .containsExactly(ProvisionConnection.KIND, ProvisionConnection.KIND);
        });
    }

    @Test
    void status_shows_the_connection_to_the_admin_without_any_secret() {
        tokensAnswer(ACCESS_TOKEN, REFRESH_TOKEN);
        JavalinTest.test(app(), (server, client) -> {
            var token = jwt(SHARED_A, "acme");
            assertThat(json(call(client, "/v1/app/connection", token, body("admin"))).path("connected").asBoolean()).isFalse();
            approve(client, startConnect(client, token));

            var response = call(client, "/v1/app/connection", token, body("admin"));
            var text = response.body().string();
            var status = App.mapper().readTree(text);
            assertThat(status.path("oauth_configured").asBoolean()).isTrue();
            assertThat(status.path("connected").asBoolean()).isTrue();
            var connection = status.path("connection");
            assertThat(connection.path("zendesk_url").asText()).isEqualTo("http://127.0.0.1:" + zendesk.getPort());
            assertThat(connection.path("auth_type").asText()).isEqualTo("oauth_authorization_code");
            assertThat(connection.path("token_expires_at").asText()).isEqualTo(backends.clock.instant().plusSeconds(1800).toString());
            assertThat(connection.path("webhook_url").asText()).isEqualTo(BACKEND + "/v1/zendesk/webhook/" + connection.path("id").asText());
            assertThat(text).doesNotContain(ACCESS_TOKEN, REFRESH_TOKEN, TestBackends.SECRET, TestBackends.KEY_ID, CLIENT_SECRET, "signing");
        });
    }

    @Test
    void state_completes_only_for_the_installation_that_started_it() {
        tokensAnswer(ACCESS_TOKEN, REFRESH_TOKEN);
        JavalinTest.test(app(), (server, client) -> {
            var tokenA = jwt(SHARED_A, "acme");
            var tokenB = jwt(SHARED_B, "acme");
            startConnect(client, tokenA);
            approve(client, startConnect(client, tokenB));

            assertThat(json(call(client, "/v1/app/connection", tokenB, body("admin"))).path("connected").asBoolean()).isTrue();
            assertThat(json(call(client, "/v1/app/connection", tokenA, body("admin"))).path("connected").asBoolean())
                    .as("same subdomain, but signed with another installation's secret").isFalse();
            assertThat(writeSide.connectionRepository().findByInstallation(installationKey(SHARED_A, "acme"))).isEmpty();
            assertThat(writeSide.connectionRepository().findByInstallation(installationKey(SHARED_B, "acme"))).isPresent();
        });
    }

    @Test
    void state_is_single_use() {
        tokensAnswer(ACCESS_TOKEN, REFRESH_TOKEN);
        JavalinTest.test(app(), (server, client) -> {
            var url = startConnect(client, jwt(SHARED_A, "acme"));
            assertThat(approve(client, url).code()).isEqualTo(200);

            var replay = approve(client, url);
            assertThat(replay.code()).isEqualTo(400);
            assertThat(replay.body().string()).contains("Dieser Link kann nicht mehr verwendet werden", "„Zendesk verbinden“");
            assertThat(tokenRequests).as("only the first callback traded its code").hasSize(1);
        });
    }

    @Test
    void expired_state_is_refused_and_nothing_is_stored() {
        JavalinTest.test(app(), (server, client) -> {
            var url = startConnect(client, jwt(SHARED_A, "acme"));
            backends.advance(Duration.ofMinutes(11));

            var page = client.get("/v1/oauth/zendesk/callback?code=the-code&state=" + url.queryParameter("state"));
            assertThat(page.code()).isEqualTo(400);
            assertThat(page.body().string()).contains("This link can no longer be used", "Start again with Connect Zendesk in the app");
            assertThat(zendesk.getRequestCount()).isZero();
            assertThat(writeSide.connectionRepository().any()).isFalse();
        });
    }

    @Test
    void unknown_state_is_refused_with_the_same_page() {
        JavalinTest.test(app(), (server, client) -> {
            var page = client.get("/v1/oauth/zendesk/callback?code=the-code&state=made-up");
            assertThat(page.code()).isEqualTo(400);
            assertThat(page.body().string()).contains("This link can no longer be used");
            assertThat(zendesk.getRequestCount()).isZero();
        });
    }

    @Test
    void request_with_a_wrong_jwt_is_refused_with_401_and_nothing_is_stored() {
        JavalinTest.test(app(), (server, client) -> {
            var response = call(client, "/v1/app/connect", jwt("an-attackers-guess-at-the-secret", "acme"), body("admin"));
            assertThat(response.code()).isEqualTo(401);
            assertThat(json(response).path("error").asText()).contains("matches no configured shared secret");
            assertThat(call(client, "/v1/app/connect", "{{jwt.token}}", body("admin")).code()).isEqualTo(401);
            assertThat(pendingStates()).isZero();
        });
    }

    @Test
    void token_without_a_subdomain_is_refused() {
        JavalinTest.test(app(), (server, client) -> {
            var response = call(client, "/v1/app/connect", jwt(SHARED_A, "evil.example.com/x"), body("admin"));
            assertThat(response.code()).isEqualTo(401);
            assertThat(json(response).path("error").asText()).contains("iss claim must be the Zendesk subdomain");
            assertThat(pendingStates()).isZero();
        });
    }

    @Test
    void denied_approval_shows_a_clear_page_and_stores_nothing() {
        JavalinTest.test(app(), (server, client) -> {
            var url = startConnect(client, jwt(SHARED_A, "acme"));
            var page = client.get("/v1/oauth/zendesk/callback?error=access_denied&error_description=The+end-user+denied&state="
                    + url.queryParameter("state"));
            assertThat(page.code()).isEqualTo(200);
            assertThat(page.body().string()).contains("Access was denied in Zendesk, so nothing was connected").doesNotContain("end-user");
            assertThat(zendesk.getRequestCount()).isZero();
            assertThat(writeSide.connectionRepository().any()).isFalse();
            assertThat(pendingStates()).as("the denied state cannot be used later").isZero();
        });
    }

    @Test
    void zendesk_refusing_the_code_shows_its_error_and_stores_nothing() {
        tokenAnswers.add(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                .body("{\"error\": \"invalid_grant\", \"error_description\": \"<script>alert(1)</script>\"}").build());
        JavalinTest.test(app(), (server, client) -> {
            var page = approve(client, startConnect(client, jwt(SHARED_A, "acme")));
            assertThat(page.code()).isEqualTo(502);
            assertThat(page.body().string()).contains("Zendesk hat die Freigabe nicht angenommen (invalid_grant)").doesNotContain("<script");
            assertThat(writeSide.connectionRepository().any()).isFalse();
        });
    }

    @Test
    void agent_who_is_not_admin_cannot_connect_see_or_disconnect() {
        JavalinTest.test(app(), (server, client) -> {
            for (var path : List.of("/v1/app/connect", "/v1/app/connection", "/v1/app/disconnect")) {
                var response = call(client, path, jwt(SHARED_A, "acme"), body("agent"));
                assertThat(response.code()).as(path).isEqualTo(403);
                assertThat(json(response).path("error").asText()).contains("Only Zendesk admins");
            }
            assertThat(pendingStates()).isZero();
        });
    }

    @Test
    void connect_without_an_oauth_client_says_the_operator_has_not_configured_one() {
        JavalinTest.test(app(false), (server, client) -> {
            var token = jwt(SHARED_A, "acme");
            assertThat(json(call(client, "/v1/app/connection", token, body("admin"))).path("oauth_configured").asBoolean()).isFalse();
            var response = call(client, "/v1/app/connect", token, body("admin"));
            assertThat(response.code()).isEqualTo(409);
            assertThat(json(response).path("error").asText()).contains("the operator has not configured an OAuth client", "BRIDGE_ZENDESK_CLIENT_ID");
        });
    }

    @Test
    void connect_with_unfinished_settings_names_what_to_fix() {
        JavalinTest.test(app(), (server, client) -> {
            var response = client.post("/v1/app/connect", body("admin"), req -> req.header("Authorization", "Bearer " + jwt(SHARED_A, "acme"))
                    .header("X-Engagement-Key-Id", "{{setting.engagement_api_key_id}}"));
            assertThat(response.code()).isEqualTo(422);
            assertThat(json(response).path("error").asText()).contains("engagement_api_key_id: Zendesk did not fill in", "engagement_api_key_secret:");
            assertThat(pendingStates()).isZero();
        });
    }

    @Test
    void disconnect_is_queued_then_removes_the_connection_and_its_secrets_and_revokes_the_token() {
        tokensAnswer(ACCESS_TOKEN, REFRESH_TOKEN);
        tokenAnswers.add(new MockResponse.Builder().code(204).build());
        JavalinTest.test(app(), (server, client) -> {
            var token = jwt(SHARED_A, "acme");
            var id = connectAcme(client, token);

            var answer = json(call(client, "/v1/app/disconnect", token, body("admin")));

            assertThat(answer.path("disconnecting").asBoolean()).isTrue();
            var revoke = nextZendeskRequest();
            assertThat(revoke.getMethod()).isEqualTo("DELETE");
            assertThat(revoke.getTarget()).isEqualTo("/api/v2/oauth/tokens/current.json");
            assertThat(revoke.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
            awaitRemoved(id);
            assertThat(writeSide.connectionRepository().secrets(id)).isEmpty();
            assertThat(json(call(client, "/v1/app/connection", token, body("admin"))).path("connected").asBoolean()).isFalse();
        });
    }

    @Test
    void disconnect_supersedes_provisioning_still_waiting_so_nothing_is_provisioned_after_it() throws InterruptedException {
        tokensAnswer(ACCESS_TOKEN, REFRESH_TOKEN);
        tokenAnswers.add(new MockResponse.Builder().code(204).build());
        JavalinTest.test(app(), (server, client) -> {
            var token = jwt(SHARED_A, "acme");
            var id = connectAcme(client, token);
            // Zendesk answered the provisioning 503 with an hour's Retry-After: it waits, first in line on the connection.
            awaitProvisioningTried(id);
            var provisioningCalls = otherZendeskRequests.size();

            var answer = json(call(client, "/v1/app/disconnect", token, body("admin")));

            assertThat(answer.path("disconnecting").asBoolean()).isTrue();
            assertThat(nextZendeskRequest().getTarget()).isEqualTo("/api/v2/oauth/tokens/current.json");
            awaitRemoved(id);
            assertThat(otherZendeskRequests).as("Zendesk calls after the disconnect was queued").hasSize(provisioningCalls);
        });
    }

    /** Installation "acme" connected through the approval, its tokens exchanged; the connection's id. */
    private String connectAcme(HttpClient client, String token) throws InterruptedException {
        approve(client, startConnect(client, token));
        var id = writeSide.connectionRepository().findByInstallation(installationKey(SHARED_A, "acme")).orElseThrow().id();
        nextZendeskRequest();
        return id;
    }

    private void awaitProvisioningTried(String connectionId) throws InterruptedException {
        for (int i = 0; i < 100 && writeSide.work().recent(connectionId, ProvisionConnection.KIND, 1).stream().noneMatch(w -> w.attempts() > 0
                && w.state() == io.engagementbridge.work.WorkState.PENDING); i++) {
            Thread.sleep(50);
        }
        assertThat(writeSide.work().recent(connectionId, ProvisionConnection.KIND, 1)).as("provisioning tried and waiting")
                .allMatch(w -> w.attempts() > 0 && w.state() == io.engagementbridge.work.WorkState.PENDING).isNotEmpty();
    }

    private void awaitRemoved(String connectionId) throws InterruptedException {
        for (int i = 0; i < 100 && writeSide.connectionRepository().find(connectionId).isPresent(); i++) {
            Thread.sleep(50);
        }
        assertThat(writeSide.connectionRepository().find(connectionId)).as("the connection, once the disconnect ran").isEmpty();
    }

    @Test
    void reconnecting_replaces_the_tokens_and_keeps_the_webhook_url() {
        tokensAnswer(ACCESS_TOKEN, REFRESH_TOKEN);
        tokensAnswer("second-access-token", "second-refresh-token");
        JavalinTest.test(app(), (server, client) -> {
            var token = jwt(SHARED_A, "acme");
            approve(client, startConnect(client, token));
            var first = json(call(client, "/v1/app/connection", token, body("admin"))).path("connection");
            var signing = writeSide.connectionRepository().secrets(first.path("id").asText()).orElseThrow().secrets().webhookSigningSecret();

            assertThat(approve(client, startConnect(client, token)).code()).isEqualTo(200);
            var second = json(call(client, "/v1/app/connection", token, body("admin"))).path("connection");
            assertThat(second.path("id")).isEqualTo(first.path("id"));
            assertThat(second.path("webhook_url")).isEqualTo(first.path("webhook_url"));
            var secrets = writeSide.connectionRepository().secrets(second.path("id").asText()).orElseThrow().secrets();
            assertThat(secrets.zendesk().accessToken()).isEqualTo("second-access-token");
            assertThat(secrets.webhookSigningSecret()).isEqualTo(signing);
            assertThat(writeSide.connectionRepository().list()).hasSize(1);
        });
    }

    @Test
    void oauth_configuration_mistakes_are_clear_startup_errors() {
        assertThatThrownBy(() -> WriteSideConfig.fromEnv(Map.of("BRIDGE_ZENDESK_CLIENT_ID", CLIENT_ID)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_ZENDESK_CLIENT_SECRET is not set");
        assertThatThrownBy(() -> WriteSideConfig.fromEnv(Map.of("BRIDGE_ZENDESK_URL_TEMPLATE", "https://{subdomain}.zendesk.com/path")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_ZENDESK_URL_TEMPLATE must be an origin");
        assertThatThrownBy(() -> WriteSideConfig.fromEnv(Map.of("BRIDGE_ZENDESK_URL_TEMPLATE", "https://{subdomain}.example.com")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("https://acme.example.com/, which host acme.example.com is not on");
        assertThatThrownBy(() -> WriteSideConfig.fromEnv(Map.of("BRIDGE_ZENDESK_URL_TEMPLATE", "http://127.0.0.1:8091")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("points at this server itself");
        assertThat(WriteSideConfig.fromEnv(Map.of()).oauth().configured()).isFalse();
    }
}
