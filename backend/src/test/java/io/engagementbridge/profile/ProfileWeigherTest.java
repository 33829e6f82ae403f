package io.engagementbridge.profile;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

final class ProfileWeigherTest {
    private final ProfileWeigher weigher = new ProfileWeigher(0);

    @Test
    void unknown_customer_weighs_the_fixed_overhead_plus_its_identifier() {
        var key = Profiles.key("ada@example.com");
        assertThat(weigher.weigh(key, StoredLookup.of(new ProfileLookup.Missing(Instant.EPOCH))))
                .isEqualTo(ProfileWeigher.ENTRY_OVERHEAD + "registered".length() + "ada@example.com".length());
    }

    @Test
    void profile_weighs_its_stored_bytes_on_top_of_the_overhead() {
        var key = Profiles.key("ada@example.com");
        var stored = StoredLookup.of(Profiles.found(14, 100));
        assertThat(weigher.weigh(key, stored))
                .isEqualTo(ProfileWeigher.ENTRY_OVERHEAD + "registered".length() + "ada@example.com".length() + stored.fields().length);
    }

    @Test
    void larger_profiles_weigh_more() {
        var key = Profiles.key("ada@example.com");
        assertThat(weigher.weigh(key, StoredLookup.of(Profiles.found(14, 400))))
                .isGreaterThan(weigher.weigh(key, StoredLookup.of(Profiles.found(14, 40))));
    }

    @Test
    void no_entry_weighs_less_than_the_minimum() {
        var key = Profiles.key("ada@example.com");
        var stored = StoredLookup.of(new ProfileLookup.Missing(Instant.EPOCH));
        assertThat(new ProfileWeigher(5_000).weigh(key, stored)).isEqualTo(5_000);
    }
}
