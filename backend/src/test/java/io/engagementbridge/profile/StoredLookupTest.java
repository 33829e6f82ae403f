package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.engagementbridge.App;
import io.engagementbridge.settings.FieldRole;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class StoredLookupTest {
    private static final Instant FETCHED = Instant.parse("2026-11-21T10:00:00.123456789Z");

    @Test
    void decoding_gives_back_equal_fields_with_java_nulls_and_json_nulls_kept_apart() {
        var products = JsonNodeFactory.instance.arrayNode();
        products.addObject().put("title", "Merino Crew Sweater").put("price", 129.0).putNull("recommendation_variant_id");
        var found = new ProfileLookup.Found(new CustomerProfile(List.of(
                new ProfileField("Lifetime value", FieldRole.LTV, "money", "aggregate", "60a7", JsonNodeFactory.instance.numberNode(12845.5), null),
                new ProfileField("Orders", null, "number", "aggregate", "60a8", JsonNodeFactory.instance.numberNode(58), null),
                new ProfileField("Churn risk", null, "", "prediction", "61c2", NullNode.instance, null),
                new ProfileField("Segment", null, "", "segmentation", "64b8", null, "No permission"),
                new ProfileField("Recommended", null, null, "recommendation", "63e5", products, null)), FETCHED));
        assertThat(StoredLookup.of(found).lookup()).isEqualTo(found);
    }

    @Test
    void unknown_customer_is_stored_without_fields() {
        var stored = StoredLookup.of(new ProfileLookup.Missing(FETCHED));
        assertThat(stored.missing()).isTrue();
        assertThat(stored.lookup()).isEqualTo(new ProfileLookup.Missing(FETCHED));
    }

    @Test
    void stored_profile_is_smaller_than_its_json() throws Exception {
        var found = Profiles.found(14, 60);
        var json = App.mapper().writeValueAsBytes(found.profile().fields());
        assertThat(StoredLookup.of(found).fields().length).isLessThan(json.length / 2);
    }

    @Test
    void recent_interactions_survive_storage() {
        var event = new Interaction("purchase", Instant.parse("2026-11-20T08:00:00Z"),
                App.mapper().createObjectNode().put("product", "Desk lamp"));
        var profile = new CustomerProfile(List.of(new ProfileField("City", null, "", "property", "city",
                JsonNodeFactory.instance.textNode("London"), null)), Instant.parse("2026-11-21T10:00:00Z"), Interactions.of(List.of(event)));
        var decoded = (ProfileLookup.Found) StoredLookup.of(new ProfileLookup.Found(profile)).lookup();
        assertThat(decoded.profile().interactions()).isEqualTo(Interactions.of(List.of(event)));
        assertThat(decoded.profile().fields()).isEqualTo(profile.fields());
    }
}
