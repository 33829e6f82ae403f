package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.engagement.DataApi;
import io.engagementbridge.engagement.EngagementClient;
import io.engagementbridge.engagement.EngagementException;
import io.engagementbridge.engagement.EngagementException.Kind;
import io.engagementbridge.settings.FieldRole;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Calls the installation's Managed Endpoint; a JSON object becomes labelled rows in its key order, with the
 * roles the managed_endpoint_roles setting gives its keys (an LTV row is money).
 */
final class ManagedEndpointSource {
    private final EngagementClient client;
    private final ObjectMapper mapper;
    private final Clock clock;

    ManagedEndpointSource(EngagementClient client, ObjectMapper mapper, Clock clock) {
        this.client = client;
        this.mapper = mapper;
        this.clock = clock;
    }

    CompletableFuture<ProfileLookup> load(ProfileKey key) {
        var body = DataApi.forCustomer(mapper, key.customerId().name(), key.customerId().value());
        return client.post(key.request().settings().managedEndpointUrl(), key.request().credentials(), body)
                .thenApply(answer -> answer
                        .<ProfileLookup>map(json -> new ProfileLookup.Found(profile(json, key.request().settings().managedEndpointRoles())))
                        .orElseGet(() -> new ProfileLookup.Missing(clock.instant())));
    }

    private CustomerProfile profile(JsonNode json, Map<String, FieldRole> roles) {
        if (!json.isObject()) {
            throw new EngagementException(Kind.BAD_RESPONSE, 200, "the Managed Endpoint must answer with a JSON object");
        }
        var fields = new ArrayList<ProfileField>();
        json.fields().forEachRemaining(entry -> {
            var role = roles.get(entry.getKey());
            fields.add(new ProfileField(entry.getKey(), role, role == FieldRole.LTV ? "money" : "", ProfileField.MANAGED_ENDPOINT,
                    entry.getKey(), entry.getValue(), null));
        });
        return new CustomerProfile(fields, clock.instant());
    }
}
