package io.engagementbridge.connection;

import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.store.TestDatabases;

import java.nio.file.Path;

class ConnectionStoreOnSqliteTest extends ConnectionStoreContract {
    @Override
    StoreConfig config(Path dir) {
        return TestDatabases.sqlite(dir);
    }

    @org.junit.jupiter.api.Test
    void the_sqlite_files_never_hold_a_secret_in_clear() throws Exception {
        var added = connections.add(definition());
        try (var files = java.nio.file.Files.list(dir)) {
            for (var file : files.toList()) {
                var text = new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                org.assertj.core.api.Assertions.assertThat(text).as(file.getFileName().toString())
                        .doesNotContain(TestConnections.ZENDESK_TOKEN, TestConnections.ENGAGEMENT_KEY_SECRET, added.inboundToken());
            }
        }
    }
}
