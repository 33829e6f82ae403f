package io.engagementbridge.connection;

import io.engagementbridge.App;
import io.engagementbridge.WriteSide;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.demo.zendeskapi.OAuthClient;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.demo.zendeskapi.ZendeskApiSimulator;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.priority.ProvisionConnection;
import io.engagementbridge.store.TestDatabases;
import io.engagementbridge.work.WorkState;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code connections add|list|remove} against the Zendesk API simulator, as an operator runs them. */
class ConnectionsCliTest {
    static final String API_TOKEN = "cli-test-zendesk-api-token-9f2e";
    static final String CLIENT_SECRET = "cli-test-oauth-client-secret-77aa";

    @TempDir
    Path dir;
    final HostPolicy loopback = new HostPolicy(List.of(), true);
    ZendeskApiSimulator zendesk;
    Javalin server;
    WriteSide writeSide;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        zendesk = new ZendeskApiSimulator(App.mapper(), Clock.systemUTC(), new OkHttpClient(), SimulatorLimits.defaults());
        zendesk.registerApiToken("admin@acme.example", API_TOKEN);
        zendesk.registerOAuthClient(new OAuthClient("bridge_cli", CLIENT_SECRET, "Bridge", List.of()));
        server = zendesk.app().start("127.0.0.1", 0);
        writeSide = WriteSide.open(new WriteSideConfig(TestDatabases.sqlite(dir.resolve("data")), TestConnections.MASTER_KEY, loopback, null),
                App.mapper(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop();
        zendesk.close();
        writeSide.close();
    }

    int run(String... args) {
        var check = new ZendeskCredentialCheck(HttpClients.upstream(Timeouts.DEFAULTS, loopback), loopback, App.mapper(), Clock.systemUTC());
        var cli = new ConnectionsCli(writeSide.connections("https://bridge.example.com", Clock.systemUTC()), check, loopback,
                new HostPolicy(List.of("*.exponea.com"), false), App.mapper(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                id -> writeSide.work().enqueue(ProvisionConnection.work(id, "connect"), Instant.now()));
        return cli.run(List.of(args));
    }

    Path file(String auth) throws Exception {
        var file = dir.resolve("connection.json");
        Files.writeString(file, "{\"name\": \"Acme\", \"zendesk\": {\"url\": \"http://127.0.0.1:" + server.port() + "\", \"auth\": " + auth + "}, "
                + "\"engagement\": {\"base_url\": \"https://api.exponea.com\", \"project_token\": \"p\", \"key_id\": \"k\", \"key_secret\": \"s\"}}");
        return file;
    }

    @Test
    void add_with_an_api_token_prints_the_id_inbound_token_and_webhook_url_once() throws Exception {
        var code = run("add", "--file", file("{\"type\": \"api_token\", \"email\": \"admin@acme.example\", \"token\": \"" + API_TOKEN + "\"}").toString());

        assertThat(code).as(err.toString()).isZero();
        var line = App.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        var id = line.path("id").asText();
        assertThat(line.path("inbound_token").asText()).startsWith("ebt_");
        assertThat(line.path("webhook_url").asText()).isEqualTo("https://bridge.example.com/v1/zendesk/webhook/" + id);
        assertThat(writeSide.connectionRepository().find(id)).get().extracting(Connection::authType).isEqualTo(AuthType.API_TOKEN);
        assertThat(line.path("provisioning").asText()).isEqualTo("queued");
        assertThat(writeSide.work().items(id, WorkState.PENDING, 10)).extracting(item -> item.kind()).containsExactly(ProvisionConnection.KIND);

        out.reset();
        assertThat(run("list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(id, "\"secrets\":\"***\"")
                .doesNotContain(API_TOKEN, line.path("inbound_token").asText());
        assertThat(run("remove", id)).isZero();
        assertThat(writeSide.connectionRepository().find(id)).isEmpty();
        assertThat(run("remove", id)).isEqualTo(1);
    }

    @Test
    void add_with_oauth_client_credentials_is_granted_a_token_by_zendesk() throws Exception {
        var code = run("add", "--file", file("{\"type\": \"oauth_client_credentials\", \"client_id\": \"bridge_cli\", \"client_secret\": \""
                + CLIENT_SECRET + "\"}").toString());

        assertThat(code).as(err.toString()).isZero();
        var id = App.mapper().readTree(out.toString(StandardCharsets.UTF_8)).path("id").asText();
        assertThat(writeSide.connectionRepository().find(id)).get().extracting(Connection::authType).isEqualTo(AuthType.OAUTH_CLIENT_CREDENTIALS);
        assertThat(zendesk.activeAccessTokens()).isPositive();
    }

    @Test
    void credentials_zendesk_refuses_are_named_and_nothing_is_stored() throws Exception {
        var code = run("add", "--file", file("{\"type\": \"api_token\", \"email\": \"admin@acme.example\", \"token\": \"wrong-token\"}").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot be used: zendesk:").doesNotContain("\tat ");
        assertThat(writeSide.connectionRepository().list()).isEmpty();
        assertThat(writeSide.work().countsByState().values().stream().mapToLong(Long::longValue).sum()).as("work queued").isZero();
    }

    @Test
    void a_malformed_file_names_its_line_and_stores_nothing() throws Exception {
        var file = dir.resolve("broken.json");
        Files.writeString(file, "{\"name\": \"Acme\",\n \"zendesk\": }");
        assertThat(run("add", "--file", file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not valid JSON (line 2");
        assertThat(run("add", "--file", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No such file");
        assertThat(writeSide.connectionRepository().list()).isEmpty();
    }
}
