package io.engagementbridge.cdp;

import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.store.TestDatabases;

import java.nio.file.Path;

/** The same retention promises with the bridge on PostgreSQL. */
class CdpRetentionOnPostgresTest extends CdpRetentionTest {
    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.postgres();
    }
}
