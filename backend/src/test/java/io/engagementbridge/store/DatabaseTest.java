package io.engagementbridge.store;

import io.engagementbridge.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @Test
    void unset_url_creates_an_sqlite_file_in_wal_mode_under_the_data_dir(@TempDir Path dir) {
        var config = StoreConfig.fromEnv(Map.of("BRIDGE_DATA_DIR", dir.resolve("nested").toString()));
        try (var database = Database.open(config)) {
            assertThat(database.dialect()).isEqualTo(Dialect.SQLITE);
            assertThat(database.healthy()).isTrue();
            assertThat(Files.exists(dir.resolve("nested").resolve(StoreConfig.SQLITE_FILE))).isTrue();
            var mode = database.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
            assertThat(mode).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void opening_twice_migrates_once_and_keeps_the_rows(@TempDir Path dir) {
        try (var database = Database.open(StoreConfig.sqlite(dir))) {
            database.jdbi().useHandle(h -> h.execute("INSERT INTO connections (id, name, zendesk_url, auth_type, engagement_base_url, "
                    + "engagement_project_token, inbound_token_hash, secrets, secrets_version, settings, created_at, updated_at) "
                    + "VALUES ('c1', 'n', 'https://a.zendesk.com', 'api_token', 'https://api.exponea.com', 't', 'h', x'00', 1, '{}', 0, 0)"));
        }
        try (var database = Database.open(StoreConfig.sqlite(dir))) {
            int rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM connections").mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void postgres_store_migrates_and_reports_healthy() {
        try (var database = Database.open(TestDatabases.postgres())) {
            assertThat(database.dialect()).isEqualTo(Dialect.POSTGRES);
            assertThat(database.healthy()).isTrue();
        }
    }

    @Test
    void unreachable_postgres_names_the_variables_to_check() {
        var config = StoreConfig.postgres("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=1", "bridge", "wrong-password-123");
        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BRIDGE_DATABASE_URL")
                .hasMessageNotContaining("wrong-password-123");
    }

    @Test
    void a_url_that_is_not_postgres_is_refused_with_the_variable_named() {
        assertThatThrownBy(() -> StoreConfig.fromEnv(Map.of("BRIDGE_DATABASE_URL", "jdbc:mysql://db/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BRIDGE_DATABASE_URL must start with jdbc:postgresql://");
    }
}
