package io.engagementbridge.ops;

import io.engagementbridge.App;
import io.engagementbridge.TestBackends;
import io.engagementbridge.WriteSide;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.connection.TestConnections;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.store.TestDatabases;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class AdminConnectionsApiTest {
    public static final String ADMIN_TOKEN = "operator-admin-token-0123456789abcdef";

    @TempDir
    Path dir;
    final TestBackends backends = new TestBackends();
    WriteSide writeSide;

    WriteSide open(String adminToken) {
        writeSide = WriteSide.open(new WriteSideConfig(TestDatabases.sqlite(dir), TestConnections.MASTER_KEY,
                new HostPolicy(List.of("*.zendesk.com"), false), adminToken), App.mapper(), backends.clock);
        TestConnections.insert(writeSide.database(), "c_acme");
        return writeSide;
    }

    @AfterEach
    void close() {
        writeSide.close();
    }

    @Test
    void the_operator_lists_and_shows_connections_with_every_secret_masked() {
        JavalinTest.test(backends.app(open(ADMIN_TOKEN)), (server, client) -> {
            var list = client.get("/v1/admin/connections", req -> req.header("Authorization", "Bearer " + ADMIN_TOKEN));
            assertThat(list.code()).isEqualTo(200);
            assertThat(list.body().string()).contains("\"id\":\"c_acme\"").doesNotContain(TestConnections.ZENDESK_TOKEN);

            var one = client.get("/v1/admin/connections/c_acme", req -> req.header("Authorization", "Bearer " + ADMIN_TOKEN));
            var body = one.body().string();
            assertThat(body).contains("\"zendesk_api_token\":\"set (***)\"", "\"engagement_key_secret\":\"set (***)\"")
                    .doesNotContain(TestConnections.ZENDESK_TOKEN, TestConnections.ENGAGEMENT_KEY_SECRET, "signing-secret-c_acme");
        });
    }

    @Test
    void the_operator_removes_a_connection_and_its_secrets() {
        JavalinTest.test(backends.app(open(ADMIN_TOKEN)), (server, client) -> {
            assertThat(client.delete("/v1/admin/connections/c_acme", null, req -> req.header("Authorization", "Bearer " + ADMIN_TOKEN)).code())
                    .isEqualTo(204);
            assertThat(writeSide.connectionRepository().find("c_acme")).isEmpty();
            assertThat(client.delete("/v1/admin/connections/c_acme", null, req -> req.header("Authorization", "Bearer " + ADMIN_TOKEN)).code())
                    .isEqualTo(404);
        });
    }

    @Test
    void a_wrong_or_missing_token_gets_401_and_no_data() {
        JavalinTest.test(backends.app(open(ADMIN_TOKEN)), (server, client) -> {
            var wrong = client.get("/v1/admin/connections", req -> req.header("Authorization", "Bearer " + ADMIN_TOKEN + "x"));
            assertThat(wrong.code()).isEqualTo(401);
            assertThat(wrong.body().string()).doesNotContain("c_acme").contains("BRIDGE_ADMIN_TOKEN");
            var none = client.get("/v1/admin/connections/c_acme");
            assertThat(none.code()).isEqualTo(401);
            assertThat(client.delete("/v1/admin/connections/c_acme").code()).isEqualTo(401);
            assertThat(writeSide.connectionRepository().find("c_acme")).isPresent();
        });
    }

    @Test
    void without_an_admin_token_configured_the_operator_api_is_off() {
        JavalinTest.test(backends.app(open(null)), (server, client) -> {
            var response = client.get("/v1/admin/connections", req -> req.header("Authorization", "Bearer anything"));
            assertThat(response.code()).isEqualTo(404);
            assertThat(response.body().string()).contains("set BRIDGE_ADMIN_TOKEN");
        });
    }

    @Test
    void metrics_count_work_items_by_state_and_the_oldest_pending_age() {
        JavalinTest.test(backends.app(open(null)), (server, client) -> {
            writeSide.work().enqueue(new io.engagementbridge.work.NewWork("c_acme", "upsert_user", "user:1", "{}", "m-1"),
                    backends.clock.instant().minusSeconds(90));
            var metrics = client.get("/metrics").body().string();
            assertThat(metrics).contains("bridge_work_items{state=\"pending\"} 1.0", "bridge_work_items{state=\"dead\"} 0.0",
                    "bridge_work_oldest_pending_seconds 90.0");
        });
    }

    @Test
    void health_reports_the_store() {
        JavalinTest.test(backends.app(open(null)), (server, client) -> {
            assertThat(client.get("/health").body().string()).isEqualTo("ok (store: sqlite)");
            writeSide.database().close();
            assertThat(client.get("/health").code()).isEqualTo(503);
        });
    }
}
