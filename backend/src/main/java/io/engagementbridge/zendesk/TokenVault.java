package io.engagementbridge.zendesk;

import java.util.Optional;

/**
 * Where a connection's OAuth token pair lives between calls and across replicas. Zendesk's refresh
 * tokens are single use: once a refresh succeeds the old pair is dead, so the new pair must be stored
 * before anything else can go wrong.
 */
public interface TokenVault {

    /** The pair in force for {@code connectionId}, or empty when none was stored yet (the connection's initial pair applies). */
    Optional<Tokens> current(String connectionId);

    /**
     * Stores {@code fresh} and marks {@code old} used, in ONE transaction: after a crash either the old pair
     * is current (and unused) or the new one is. {@code old} may be the connection's initial pair, never
     * stored before.
     */
    void rotated(String connectionId, Tokens old, Tokens fresh);
}
