package io.engagementbridge.store;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real databases for tests: an SQLite file in a temporary folder, or a fresh schema on the
 * PostgreSQL server that {@code .ci/setup} starts. Under CI=true a missing server fails the test.
 */
public final class TestDatabases {
    public static final String POSTGRES_URL = System.getenv().getOrDefault("BRIDGE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/bridge_test");
    public static final String POSTGRES_USER = System.getenv().getOrDefault("BRIDGE_TEST_POSTGRES_USER", "bridge");
    public static final String POSTGRES_PASSWORD = System.getenv().getOrDefault("BRIDGE_TEST_POSTGRES_PASSWORD", "bridge");

    /** Schemas this JVM made; dropped when it exits, so the test server does not grow with every run. */
    private static final Set<String> SCHEMAS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropSchemas, "drop-test-schemas"));
    }

    private TestDatabases() {
    }

    public static StoreConfig sqlite(Path dir) {
        return StoreConfig.sqlite(dir);
    }

    /** A new, empty schema on the test server, so test classes never see each other's rows. */
    public static StoreConfig postgres() {
        var schema = "t_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (var connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
             var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            SCHEMAS.add(schema);
        } catch (SQLException e) {
            var message = "PostgreSQL is not reachable at " + POSTGRES_URL + " (" + e.getMessage() + "); run `bash .ci/setup` first";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message, e);
            }
            Assumptions.abort(message);
        }
        var separator = POSTGRES_URL.contains("?") ? "&" : "?";
        return StoreConfig.postgres(POSTGRES_URL + separator + "currentSchema=" + schema, POSTGRES_USER, POSTGRES_PASSWORD);
    }

    private static void dropSchemas() {
        if (SCHEMAS.isEmpty()) {
            return;
        }
        try (var connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
             var statement = connection.createStatement()) {
            for (var schema : SCHEMAS) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop the test schemas " + SCHEMAS + ": " + e.getMessage());
        }
    }
}
