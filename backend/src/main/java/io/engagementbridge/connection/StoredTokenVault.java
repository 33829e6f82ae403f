package io.engagementbridge.connection;

import io.engagementbridge.zendesk.TokenVault;
import io.engagementbridge.zendesk.Tokens;

import java.time.Instant;
import java.util.Optional;

/**
 * OAuth token pairs kept in the connection's sealed secrets. A rotation reads and rewrites the
 * secrets in one transaction that bumps their version, so after a crash either the old pair or the
 * new one is stored, never neither; replicas read the current pair from here before refreshing.
 */
public final class StoredTokenVault implements TokenVault {
    private final ConnectionRepository repository;
    private final io.engagementbridge.store.Database database;

    public StoredTokenVault(io.engagementbridge.store.Database database, ConnectionRepository repository) {
        this.database = database;
        this.repository = repository;
    }

    @Override
    public Optional<Tokens> current(String connectionId) {
        return repository.secrets(connectionId).map(v -> v.secrets().zendesk())
                .filter(z -> z.accessToken() != null)
                .map(z -> new Tokens(z.accessToken(), z.refreshToken(), z.expiresAt() == 0 ? null : Instant.ofEpochSecond(z.expiresAt())));
    }

    @Override
    public void rotated(String connectionId, Tokens old, Tokens fresh) {
        database.jdbi().useTransaction(h -> {
            var stored = repository.secrets(h, connectionId)
                    .orElseThrow(() -> new IllegalStateException("connection " + connectionId + " was removed while its token was refreshed"));
            var zendesk = stored.secrets().zendesk().withTokens(fresh.accessToken(), fresh.refreshToken(),
                    fresh.expiresAt() == null ? 0 : fresh.expiresAt().getEpochSecond());
            repository.replaceSecrets(h, connectionId, stored.version(), stored.secrets().withZendesk(zendesk));
        });
    }
}
