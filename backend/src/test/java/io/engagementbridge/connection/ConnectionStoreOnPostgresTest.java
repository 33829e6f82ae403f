package io.engagementbridge.connection;

import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.store.TestDatabases;

import java.nio.file.Path;

class ConnectionStoreOnPostgresTest extends ConnectionStoreContract {
    @Override
    StoreConfig config(Path dir) {
        return TestDatabases.postgres();
    }
}
