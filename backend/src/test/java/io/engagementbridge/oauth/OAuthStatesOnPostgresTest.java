package io.engagementbridge.oauth;

import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.store.TestDatabases;

import java.nio.file.Path;

class OAuthStatesOnPostgresTest extends OAuthStatesContract {
    @Override
    StoreConfig config(Path dir) {
        return TestDatabases.postgres();
    }
}
