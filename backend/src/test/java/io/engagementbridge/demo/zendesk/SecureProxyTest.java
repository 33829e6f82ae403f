package io.engagementbridge.demo.zendesk;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

final class SecureProxyTest {
    private final AppManifest manifest = new AppManifest("Engagement Bridge", "0.1.0",
            Map.of("engagement_api_key_secret", Set.of("header"), "shared_secret", Set.of("jwt_secret_key")), List.of("bridge.example"),
            Map.of("ticket_sidebar", "assets/iframe.html"));
    private final SimulatedInstallation installation = new SimulatedInstallation(Map.of(
            "engagement_api_key_secret", "the-secret", "shared_secret", "jwt-key", "currency", "EUR"));
    private final SecureProxy proxy = new SecureProxy(manifest, installation, List.of("bridge.example"), null, null);

    @Test
    void secure_setting_is_filled_only_within_its_scope() {
        assertThat(proxy.substitute("{{setting.engagement_api_key_secret}}", "header", true)).isEqualTo("the-secret");
        assertThat(proxy.substitute("{{setting.engagement_api_key_secret}}", "body", true)).isEqualTo("{{setting.engagement_api_key_secret}}");
    }

    @Test
    void nothing_is_filled_in_a_request_that_is_not_secure() {
        assertThat(proxy.substitute("{{setting.engagement_api_key_secret}} {{setting.currency}}", "header", false))
                .isEqualTo("{{setting.engagement_api_key_secret}} {{setting.currency}}");
    }

    @Test
    void ordinary_settings_are_filled_anywhere_in_a_secure_request() {
        assertThat(proxy.substitute("{\"c\":\"{{setting.currency}}\"}", "body", true)).isEqualTo("{\"c\":\"EUR\"}");
    }

    @Test
    void installation_shows_the_browser_no_secure_setting() {
        assertThat(installation.browserSettings(manifest)).containsOnlyKeys("currency");
    }
}
