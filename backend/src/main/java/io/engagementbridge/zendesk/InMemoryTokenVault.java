package io.engagementbridge.zendesk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TokenVault} held in memory: for tests and for connections that need no persistence. */
public final class InMemoryTokenVault implements TokenVault {
    private final Map<String, Tokens> current = new ConcurrentHashMap<>();
    private final List<Tokens> used = new ArrayList<>();

    @Override
    public Optional<Tokens> current(String connectionId) {
        return Optional.ofNullable(current.get(connectionId));
    }

    @Override
    public synchronized void rotated(String connectionId, Tokens old, Tokens fresh) {
        used.add(old);
        current.put(connectionId, fresh);
    }

    /** Every pair replaced so far, oldest first. */
    public synchronized List<Tokens> used() {
        return List.copyOf(used);
    }
}
