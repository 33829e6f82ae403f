package io.engagementbridge.store;

import java.util.Map;

/** The two databases the store runs on, and the few words of SQL in which they differ. */
public enum Dialect {
    SQLITE(Map.of("id_column", "INTEGER PRIMARY KEY AUTOINCREMENT", "bytes", "BLOB")),
    POSTGRES(Map.of("id_column", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "bytes", "BYTEA"));

    private final Map<String, String> placeholders;

    Dialect(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    /** Flyway placeholders, so one set of migrations serves both databases. */
    public Map<String, String> placeholders() {
        return placeholders;
    }

    /** The suffix that locks a row read to be rewritten in the same transaction; SQLite has one writer at a time. */
    public String forUpdate() {
        return this == POSTGRES ? " FOR UPDATE" : "";
    }

    /** The row-locking suffix of a claim's inner SELECT: SKIP LOCKED on PostgreSQL; SQLite has one writer at a time. */
    public String skipLocked() {
        return this == POSTGRES ? " FOR UPDATE SKIP LOCKED" : "";
    }
}
