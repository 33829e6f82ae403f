package io.engagementbridge.work;

import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.store.TestDatabases;

import java.nio.file.Path;

class WorkQueueOnPostgresTest extends WorkQueueContract {
    @Override
    StoreConfig config(Path dir) {
        return TestDatabases.postgres();
    }
}
