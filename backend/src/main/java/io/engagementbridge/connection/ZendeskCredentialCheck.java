package io.engagementbridge.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.zendesk.InMemoryTokenVault;
import io.engagementbridge.zendesk.ResponseObserver;
import io.engagementbridge.zendesk.ZendeskAccount;
import io.engagementbridge.zendesk.ZendeskClient;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskRequest;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.util.Optional;

/**
 * Before a connection is stored, one call proves its Zendesk credentials work: the account's
 * current user ({@code /api/v2/users/me}) must be an agent or admin, not the anonymous user
 * Zendesk answers with when credentials are wrong.
 */
public final class ZendeskCredentialCheck {
    private final OkHttpClient http;
    private final HostPolicy zendeskHosts;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ZendeskCredentialCheck(OkHttpClient http, HostPolicy zendeskHosts, ObjectMapper mapper, Clock clock) {
        this.http = http;
        this.zendeskHosts = zendeskHosts;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** What is wrong with the definition's Zendesk credentials, or empty when they work. */
    public Optional<String> problem(ConnectionDefinition definition) {
        var account = new ZendeskAccount("check", okhttp3.HttpUrl.get(definition.zendeskUrl()),
                ZendeskAccounts.auth(definition.authType(), definition.zendesk()));
        var client = new ZendeskClient(http, zendeskHosts, mapper, clock, account, new InMemoryTokenVault(), ResponseObserver.NONE);
        try {
            var me = client.send(ZendeskRequest.get("/api/v2/users/me.json")).body().path("user");
            var role = me.path("role").asText("");
            if (me.path("id").isNull() || me.path("id").isMissingNode() || role.equals("end-user") || role.isEmpty()) {
                return Optional.of("zendesk.auth: Zendesk did not recognise these credentials (it answered as an anonymous or end user); "
                        + "check the e-mail and token, or the OAuth client's id and secret");
            }
            return Optional.empty();
        } catch (ZendeskException e) {
            return Optional.of("zendesk: " + e.failure().summary() + " — " + e.failure().hint());
        }
    }
}
