package io.engagementbridge;

import io.engagementbridge.connection.TestConnections;
import io.engagementbridge.store.Database;
import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.store.TestDatabases;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar engagement-bridge.jar serve} as an operator runs it, in a subprocess. */
class ServeCommandTest {
    @TempDir
    Path dir;

    Process serve(Map<String, String> env) throws IOException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve")
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("BRIDGE_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void serve_on_postgresql_starts_and_reports_the_store_healthy() throws Exception {
        var store = TestDatabases.postgres();
        var port = freePort();
        var process = serve(Map.of("BRIDGE_PORT", Integer.toString(port), "BRIDGE_DATABASE_URL", store.url(),
                "BRIDGE_DATABASE_USER", store.user(), "BRIDGE_DATABASE_PASSWORD", store.password()));
        try {
            var http = new OkHttpClient();
            var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String health = null;
            while (health == null && System.nanoTime() < deadline && process.isAlive()) {
                try (var response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/health").build()).execute()) {
                    health = response.code() == 200 ? response.body().string() : null;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertThat(health).as(Files.readString(dir.resolve("serve.log"))).isEqualTo("ok (store: postgres)");
            assertThat(Files.readString(dir.resolve("serve.log"))).as("the sidebar stack was warmed up before listening").contains("Warmed up in");
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(dir.resolve("serve.log"))).doesNotContain(store.password() + "@", "password=" + store.password());
    }

    @Test
    void serve_without_the_master_key_its_connections_need_stops_with_a_clear_error() throws Exception {
        try (var database = Database.open(StoreConfig.sqlite(dir.resolve("data")))) {
            TestConnections.insert(database, "c_acme");
        }
        var process = serve(Map.of("BRIDGE_PORT", Integer.toString(freePort()), "BRIDGE_DATA_DIR", dir.resolve("data").toString()));
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        var log = Files.readString(dir.resolve("serve.log"));
        assertThat(log).contains("Configuration error: BRIDGE_MASTER_KEY is not set, but the database holds connections").doesNotContain("\tat ");
    }
}
