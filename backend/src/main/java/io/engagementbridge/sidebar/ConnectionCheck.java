package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.engagement.DataApi;
import io.engagementbridge.engagement.EngagementClient;
import io.engagementbridge.engagement.EngagementException;
import io.engagementbridge.settings.ConnectionSettings;

import java.util.concurrent.CompletableFuture;

/**
 * The admin's "Test connection": one customer-attributes call asking only for an ID (which needs
 * no permission) of a customer who does not exist. An answer of "no such customer" proves the
 * host, project token and key pair are all right. Also the admin page's Engagement test.
 */
public final class ConnectionCheck {
    static final String PROBE_CUSTOMER = "engagement-bridge-connection-test";

    /** What the check found: a message key and whether it is good news. */
    public record Result(boolean ok, String messageKey) {
    }

    private final EngagementClient client;
    private final ObjectMapper mapper;

    public ConnectionCheck(EngagementClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    public CompletableFuture<Result> run(ConnectionSettings settings, Credentials credentials) {
        var url = DataApi.customers(settings.baseUrl(), settings.projectToken(), "attributes");
        var body = DataApi.forCustomer(mapper, settings.customerIdName(), PROBE_CUSTOMER);
        body.putArray("attributes").addObject().put("type", "id").put("id", settings.customerIdName());
        return client.post(url, credentials, body)
                .thenApply(answer -> new Result(true, "connection.ok"))
                .exceptionally(error -> new Result(false,
                        "connection." + EngagementException.in(error).map(e -> e.kind().name()).orElse("UNREACHABLE")));
    }
}
