package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.App;
import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.settings.InvalidSettingsException;
import io.engagementbridge.settings.SettingsParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class ProfileRequestsTest {
    private final ProfileRequests requests = new ProfileRequests(new SettingsParser(new HostPolicy(List.of("*.exponea.com"), false), App.mapper()));

    private static ObjectNode settings() {
        var settings = App.mapper().createObjectNode();
        settings.put("engagement_api_base_url", "https://api.exponea.com");
        settings.put("engagement_project_token", "cc7cc3c6-6b36-a11b-ffaa-52f58fe58f19");
        settings.put("fields", "[{\"type\":\"property\",\"property\":\"first_name\",\"label\":\"First name\"}]");
        return settings;
    }

    @Test
    void every_open_of_an_installation_gets_the_same_request() {
        var credentials = new Credentials("key", "secret");
        assertThat(requests.get(settings(), credentials)).isSameAs(requests.get(settings(), new Credentials("key", "secret")));
    }

    @Test
    void another_key_pair_gets_its_own_request_and_partition() {
        var first = requests.get(settings(), new Credentials("key", "secret-a"));
        var second = requests.get(settings(), new Credentials("key", "secret-b"));
        assertThat(second.partition()).isNotEqualTo(first.partition());
        assertThat(second.credentials().secret()).isEqualTo("secret-b");
    }

    @Test
    void changed_settings_are_parsed_again() {
        var credentials = new Credentials("key", "secret");
        var renamed = settings().put("title", "Customer value");
        assertThat(requests.get(renamed, credentials).settings().title()).isEqualTo("Customer value");
        assertThat(requests.get(settings(), credentials).settings().title()).isNotEqualTo("Customer value");
    }

    @Test
    void unusable_settings_are_reported_every_time() {
        var broken = settings().put("engagement_project_token", "");
        var credentials = new Credentials("key", "secret");
        assertThatThrownBy(() -> requests.get(broken, credentials)).isInstanceOf(InvalidSettingsException.class);
        assertThatThrownBy(() -> requests.get(broken, credentials)).isInstanceOf(InvalidSettingsException.class);
    }
}
