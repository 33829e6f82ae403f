package io.engagementbridge.zendesk;

import io.engagementbridge.store.Database;
import io.engagementbridge.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class JdbcGovernorLedgerOnSqliteTest extends GovernorLedgerContract {
    @TempDir
    Path dir;
    private final List<Database> opened = new ArrayList<>();

    @Override
    protected GovernorLedger ledger() {
        var database = Database.open(TestDatabases.sqlite(dir.resolve("db" + opened.size())));
        opened.add(database);
        return new JdbcGovernorLedger(database);
    }

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }
}
