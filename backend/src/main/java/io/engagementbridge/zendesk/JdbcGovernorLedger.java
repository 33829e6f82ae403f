package io.engagementbridge.zendesk;

import io.engagementbridge.store.Database;
import io.engagementbridge.store.Dialect;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The governor's ledger in the store, so every worker and replica shares one account's budget.
 * Each call is one transaction that first locks the rows of the buckets it touches (in name order,
 * so two replicas never deadlock): on PostgreSQL with SELECT … FOR UPDATE, on SQLite by its one writer.
 */
public final class JdbcGovernorLedger implements GovernorLedger {
    private final Database database;

    public JdbcGovernorLedger(Database database) {
        this.database = database;
    }

    @Override
    public Optional<Instant> tryAcquire(List<Claim> claims, Instant now) {
        return database.jdbi().inTransaction(h -> {
            lock(h, claims.stream().map(Claim::bucket).toList());
            var nowMillis = now.toEpochMilli();
            Long wait = null;
            for (var claim : claims) {
                long blocked = h.createQuery("SELECT blocked_until FROM governor_buckets WHERE bucket = :bucket")
                        .bind("bucket", claim.bucket()).mapTo(Long.class).one();
                if (blocked > nowMillis) {
                    wait = later(wait, blocked);
                }
                if (claim instanceof Use use) {
                    var horizon = now.minus(use.window()).toEpochMilli();
                    h.createUpdate("DELETE FROM governor_uses WHERE bucket = :bucket AND used_at <= :horizon")
                            .bind("bucket", use.bucket()).bind("horizon", horizon).execute();
                    int used = h.createQuery("SELECT COUNT(*) FROM governor_uses WHERE bucket = :bucket")
                            .bind("bucket", use.bucket()).mapTo(Integer.class).one();
                    if (used >= use.limit()) {
                        long oldestThatMustExpire = h.createQuery("SELECT used_at FROM governor_uses WHERE bucket = :bucket "
                                        + "ORDER BY used_at LIMIT 1 OFFSET :offset")
                                .bind("bucket", use.bucket()).bind("offset", used - use.limit()).mapTo(Long.class).one();
                        wait = later(wait, oldestThatMustExpire + use.window().toMillis());
                    }
                } else if (claim instanceof Hold hold) {
                    h.createUpdate("DELETE FROM governor_holds WHERE bucket = :bucket AND expires_at <= :now")
                            .bind("bucket", hold.bucket()).bind("now", nowMillis).execute();
                    boolean mine = h.createQuery("SELECT COUNT(*) FROM governor_holds WHERE bucket = :bucket AND holder = :holder")
                            .bind("bucket", hold.bucket()).bind("holder", hold.holder()).mapTo(Integer.class).one() > 0;
                    int held = h.createQuery("SELECT COUNT(*) FROM governor_holds WHERE bucket = :bucket")
                            .bind("bucket", hold.bucket()).mapTo(Integer.class).one();
                    if (!mine && held >= hold.limit()) {
                        long firstLapse = h.createQuery("SELECT MIN(expires_at) FROM governor_holds WHERE bucket = :bucket")
                                .bind("bucket", hold.bucket()).mapTo(Long.class).one();
                        wait = later(wait, Math.min(firstLapse, now.plus(InMemoryGovernorLedger.HOLD_RECHECK).toEpochMilli()));
                    }
                }
            }
            if (wait != null) {
                return Optional.of(Instant.ofEpochMilli(wait));
            }
            for (var claim : claims) {
                if (claim instanceof Use use) {
                    h.createUpdate("INSERT INTO governor_uses (bucket, used_at) VALUES (:bucket, :now)")
                            .bind("bucket", use.bucket()).bind("now", nowMillis).execute();
                } else if (claim instanceof Hold hold) {
                    h.createUpdate("INSERT INTO governor_holds (bucket, holder, expires_at) VALUES (:bucket, :holder, :expires) "
                                    + "ON CONFLICT (bucket, holder) DO UPDATE SET expires_at = :expires")
                            .bind("bucket", hold.bucket()).bind("holder", hold.holder()).bind("expires", hold.expiresAt().toEpochMilli()).execute();
                }
            }
            return Optional.<Instant>empty();
        });
    }

    @Override
    public void block(String bucket, Instant until) {
        database.jdbi().useTransaction(h -> {
            lock(h, List.of(bucket));
            h.createUpdate("UPDATE governor_buckets SET blocked_until = :until WHERE bucket = :bucket AND blocked_until < :until")
                    .bind("until", until.toEpochMilli()).bind("bucket", bucket).execute();
        });
    }

    @Override
    public void postpone(String bucket, Instant recordedAt, Instant actualAt) {
        if (!actualAt.isAfter(recordedAt)) {
            return;
        }
        database.jdbi().useTransaction(h -> {
            lock(h, List.of(bucket));
            // Two uses of one bucket in the same millisecond are interchangeable, so moving every one of them is moving one.
            h.createUpdate("UPDATE governor_uses SET used_at = :actual WHERE bucket = :bucket AND used_at = :recorded")
                    .bind("actual", actualAt.toEpochMilli()).bind("bucket", bucket).bind("recorded", recordedAt.toEpochMilli()).execute();
        });
    }

    @Override
    public void release(String bucket, String holder) {
        database.jdbi().useHandle(h -> h.createUpdate("DELETE FROM governor_holds WHERE bucket = :bucket AND holder = :holder")
                .bind("bucket", bucket).bind("holder", holder).execute());
    }

    private void lock(Handle h, List<String> buckets) {
        var ordered = new TreeSet<>(buckets);
        for (var bucket : ordered) {
            h.createUpdate("INSERT INTO governor_buckets (bucket, blocked_until) VALUES (:bucket, 0) ON CONFLICT (bucket) DO NOTHING")
                    .bind("bucket", bucket).execute();
        }
        if (database.dialect() == Dialect.POSTGRES) {
            h.createQuery("SELECT bucket FROM governor_buckets WHERE bucket IN (<buckets>) ORDER BY bucket FOR UPDATE")
                    .bindList("buckets", List.copyOf(ordered)).mapTo(String.class).list();
        }
    }

    private static Long later(Long a, long b) {
        return a == null || b > a ? b : a;
    }

}
