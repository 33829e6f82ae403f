package io.engagementbridge.profile;

import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.settings.InstallationSettings;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class ProfileRequestTest {
    private static InstallationSettings settings(String token) {
        return new InstallationSettings("t", HttpUrl.get("https://api.exponea.com"), token, "registered", "", null,
                List.of(), List.of(), null, Currency.getInstance("USD"));
    }

    @Test
    void different_secrets_land_in_different_partitions() {
        var first = ProfileRequest.of(settings("project-1"), new Credentials("key", "secret-a"));
        var second = ProfileRequest.of(settings("project-1"), new Credentials("key", "secret-b"));
        assertThat(first.partition()).isNotEqualTo(second.partition());
    }

    @Test
    void same_credentials_and_project_share_a_partition() {
        assertThat(ProfileRequest.of(settings("project-1"), new Credentials("key", "s")).partition())
                .isEqualTo(ProfileRequest.of(settings("project-1"), new Credentials("key", "s")).partition());
    }

    @Test
    void different_projects_with_the_same_key_do_not_share() {
        assertThat(ProfileRequest.of(settings("project-1"), new Credentials("key", "s")).partition())
                .isNotEqualTo(ProfileRequest.of(settings("project-2"), new Credentials("key", "s")).partition());
    }

    @Test
    void field_boundaries_cannot_be_shifted_to_collide() {
        assertThat(ProfileRequest.of(settings("p"), new Credentials("ab", "c")).partition())
                .isNotEqualTo(ProfileRequest.of(settings("p"), new Credentials("a", "bc")).partition());
    }

    @Test
    void printing_a_request_or_credentials_reveals_no_secret() {
        var request = ProfileRequest.of(settings("p"), new Credentials("key-id-123", "secret-456"));
        assertThat(request.toString() + request.credentials()).doesNotContain("key-id-123", "secret-456");
    }
}
