package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.engagement.DataApi;
import io.engagementbridge.engagement.EngagementClient;
import io.engagementbridge.engagement.EngagementException;
import io.engagementbridge.engagement.EngagementException.Kind;
import io.engagementbridge.settings.FieldSpec;

import java.time.Clock;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

/** Reads the configured attributes with one customer-attributes call and maps results back by position. */
final class DataApiSource {
    private final EngagementClient client;
    private final ObjectMapper mapper;
    private final Clock clock;

    DataApiSource(EngagementClient client, ObjectMapper mapper, Clock clock) {
        this.client = client;
        this.mapper = mapper;
        this.clock = clock;
    }

    CompletableFuture<ProfileLookup> load(ProfileKey key) {
        var settings = key.request().settings();
        var url = DataApi.customers(settings.baseUrl(), settings.projectToken(), "attributes");
        var body = DataApi.forCustomer(mapper, key.customerId().name(), key.customerId().value());
        var attributes = body.putArray("attributes");
        settings.fields().forEach(field -> attributes.add(field.attribute()));
        return client.post(url, key.request().credentials(), body).thenApply(answer -> answer
                .<ProfileLookup>map(json -> new ProfileLookup.Found(profile(settings.fields(), json)))
                .orElseGet(() -> new ProfileLookup.Missing(clock.instant())));
    }

    private CustomerProfile profile(java.util.List<FieldSpec> specs, JsonNode json) {
        var results = json.path("results");
        if (!results.isArray() || results.size() != specs.size()) {
            throw new EngagementException(Kind.BAD_RESPONSE, 200,
                    "expected " + specs.size() + " results, got " + (results.isArray() ? results.size() : "none"));
        }
        var fields = new ArrayList<ProfileField>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            var spec = specs.get(i);
            var result = results.get(i);
            var ok = result.path("success").asBoolean(false);
            fields.add(new ProfileField(spec.label(), spec.role(), spec.format(), spec.type(), spec.reference(),
                    ok ? result.path("value") : null,
                    ok ? null : result.path("error").asText("Unavailable")));
        }
        return new CustomerProfile(fields, clock.instant());
    }
}
