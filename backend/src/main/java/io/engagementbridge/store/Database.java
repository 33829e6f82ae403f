package io.engagementbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.engagementbridge.config.ConfigException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;

/**
 * The write side's one database, migrated on open. SQLite runs in WAL mode with immediate
 * transactions (so concurrent writers queue on the busy timeout instead of failing); PostgreSQL
 * through a HikariCP pool. Every table's SQL lives in that table's repository class.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
    }

    public static Database open(StoreConfig config) {
        var dialect = config.dialect();
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setPoolName("bridge-store");
        hikari.setConnectionTimeout(10_000);
        if (dialect == Dialect.SQLITE) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new ConfigException("BRIDGE_DATA_DIR " + config.dataDir().toAbsolutePath() + " cannot be created: " + e.getMessage());
            }
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("busy_timeout", "10000");
            hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            hikari.addDataSourceProperty("foreign_keys", "true");
            hikari.addDataSourceProperty("synchronous", "NORMAL");
            hikari.setMaximumPoolSize(4);
        } else {
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
            hikari.setMaximumPoolSize(10);
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new ConfigException("The database at " + config + " cannot be reached: " + rootMessage(e)
                    + ". Check BRIDGE_DATABASE_URL, BRIDGE_DATABASE_USER and BRIDGE_DATABASE_PASSWORD.");
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                    .placeholders(dialect.placeholders()).load().migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new ConfigException("The database at " + config + " could not be migrated: " + rootMessage(e));
        }
        return new Database(dataSource, dialect);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Whether a trivial query answers now; /health reports it. */
    public boolean healthy() {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static String rootMessage(Throwable e) {
        var cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
