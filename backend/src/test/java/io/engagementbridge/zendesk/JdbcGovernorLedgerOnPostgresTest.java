package io.engagementbridge.zendesk;

import io.engagementbridge.store.Database;
import io.engagementbridge.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcGovernorLedgerOnPostgresTest extends GovernorLedgerContract {
    private final List<Database> opened = new ArrayList<>();

    @Override
    protected GovernorLedger ledger() {
        var database = Database.open(TestDatabases.postgres());
        opened.add(database);
        return new JdbcGovernorLedger(database);
    }

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }

    @Test
    void replicas_racing_for_one_users_budget_never_overspend_it() throws Exception {
        var config = TestDatabases.postgres();
        try (var first = Database.open(config); var second = Database.open(config)) {
            var ledgers = List.<GovernorLedger>of(new JdbcGovernorLedger(first), new JdbcGovernorLedger(second));
            var use = List.<GovernorLedger.Claim>of(new GovernorLedger.Use("user:acme:42", 5, Duration.ofMinutes(1)),
                    new GovernorLedger.Use("account:acme", 700, Duration.ofMinutes(1)));
            var pool = Executors.newFixedThreadPool(8);
            try {
                var tasks = new ArrayList<Callable<Boolean>>();
                for (int i = 0; i < 40; i++) {
                    var mine = ledgers.get(i % 2);
                    tasks.add(() -> mine.tryAcquire(use, T0).isEmpty());
                }
                long granted = 0;
                for (Future<Boolean> result : pool.invokeAll(tasks)) {
                    granted += result.get() ? 1 : 0;
                }
                assertThat(granted).isEqualTo(5);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
