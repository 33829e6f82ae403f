package io.engagementbridge.zendesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.engagement.HostPolicy;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link ZendeskClient} and {@link Governor} per connection for the whole process, so a connection's
 * token refreshes are serialised and every response feeds its account's budget. Built once in the
 * composition root.
 */
public final class ZendeskClients {

    /** A connection's client, and the governor of its account, already listening to the client's responses. */
    public record Connected(ZendeskClient client, Governor governor) {
    }

    private record Entry(ZendeskAccount account, int planRequestsPerMinute, Connected connected) {
    }

    private final OkHttpClient http;
    private final HostPolicy policy;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final TokenVault vault;
    private final GovernorLedger ledger;
    private final ResponseObserver alsoObserve;
    private final Map<String, Entry> byConnection = new HashMap<>();

    public ZendeskClients(OkHttpClient http, HostPolicy policy, ObjectMapper mapper, Clock clock, TokenVault vault, GovernorLedger ledger) {
        this(http, policy, mapper, clock, vault, ledger, ResponseObserver.NONE);
    }

    /** As above; {@code alsoObserve} hears every response too (the metrics). */
    public ZendeskClients(OkHttpClient http, HostPolicy policy, ObjectMapper mapper, Clock clock, TokenVault vault, GovernorLedger ledger,
                          ResponseObserver alsoObserve) {
        this.alsoObserve = alsoObserve;
        this.http = http;
        this.policy = policy;
        this.mapper = mapper;
        this.clock = clock;
        this.vault = vault;
        this.ledger = ledger;
    }

    /** The client for {@code account}'s connection; a new one when the account's URL, credentials or plan changed. */
    public synchronized Connected connect(ZendeskAccount account, int planRequestsPerMinute) {
        var entry = byConnection.get(account.connectionId());
        if (entry == null || !entry.account().equals(account) || entry.planRequestsPerMinute() != planRequestsPerMinute) {
            var governor = new Governor(account.name(), planRequestsPerMinute, ledger, clock);
            entry = new Entry(account, planRequestsPerMinute,
                    new Connected(new ZendeskClient(http, policy, mapper, clock, account, vault, signal -> {
                        governor.observe(signal);
                        alsoObserve.observe(signal);
                    }), governor));
            byConnection.put(account.connectionId(), entry);
        }
        return entry.connected();
    }

    /** Drops a removed connection's client. */
    public synchronized void forget(String connectionId) {
        byConnection.remove(connectionId);
    }
}
