package io.engagementbridge.store;

import io.engagementbridge.config.ConfigException;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the write side keeps its state: an SQLite file under {@code dataDir} unless a PostgreSQL
 * URL is given. The password never appears in {@link #toString()}.
 */
public record StoreConfig(String url, String user, String password, Path dataDir) {

    public static final String SQLITE_FILE = "bridge.db";

    public StoreConfig {
        if (url != null && !url.isBlank() && !url.startsWith("jdbc:postgresql://") && !url.startsWith("jdbc:sqlite:")) {
            throw new ConfigException("BRIDGE_DATABASE_URL must start with jdbc:postgresql:// (or be unset for the embedded SQLite file), was '"
                    + url.replaceAll("password=[^&]*", "password=***") + "'");
        }
    }

    public static StoreConfig fromEnv(Map<String, String> env) {
        var url = env.get("BRIDGE_DATABASE_URL");
        return new StoreConfig(url == null || url.isBlank() ? null : url.trim(), env.get("BRIDGE_DATABASE_USER"),
                env.get("BRIDGE_DATABASE_PASSWORD"), Path.of(env.getOrDefault("BRIDGE_DATA_DIR", "data")));
    }

    /** An SQLite file in {@code dir}: the embedded default, and what most tests use. */
    public static StoreConfig sqlite(Path dir) {
        return new StoreConfig(null, null, null, dir);
    }

    public static StoreConfig postgres(String url, String user, String password) {
        return new StoreConfig(url, user, password, Path.of("data"));
    }

    public Dialect dialect() {
        return url != null && url.startsWith("jdbc:postgresql:") ? Dialect.POSTGRES : Dialect.SQLITE;
    }

    public String jdbcUrl() {
        return url != null ? url : "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath();
    }

    @Override
    public String toString() {
        return "StoreConfig[" + (dialect() == Dialect.POSTGRES ? url.replaceAll("password=[^&]*", "password=***") + " as " + user
                : jdbcUrl()) + "]";
    }
}
