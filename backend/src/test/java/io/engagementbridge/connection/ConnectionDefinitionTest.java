package io.engagementbridge.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.App;
import io.engagementbridge.engagement.HostPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionDefinitionTest {
    static final HostPolicy ZENDESK = new HostPolicy(List.of("*.zendesk.com"), false);
    static final HostPolicy ENGAGEMENT = new HostPolicy(List.of("*.exponea.com"), false);

    static JsonNode json(String text) throws Exception {
        return App.mapper().readTree(text);
    }

    static String file(String zendeskUrl, String auth) {
        return "{\"name\": \"Acme\", \"zendesk\": {\"url\": \"" + zendeskUrl + "\", \"auth\": " + auth + "}, "
                + "\"engagement\": {\"base_url\": \"https://api.exponea.com\", \"project_token\": \"p\", \"key_id\": \"k\", \"key_secret\": \"s\"}}";
    }

    @Test
    void client_credentials_file_is_read_with_the_zendesk_origin_only() throws Exception {
        var definition = ConnectionDefinition.parse(json(file("https://acme.zendesk.com/agent/", "{\"type\": \"oauth_client_credentials\", "
                + "\"client_id\": \"bridge\", \"client_secret\": \"cs\"}")), ZENDESK, ENGAGEMENT);
        assertThat(definition.zendeskUrl()).isEqualTo("https://acme.zendesk.com");
        assertThat(definition.authType()).isEqualTo(AuthType.OAUTH_CLIENT_CREDENTIALS);
        assertThat(definition.zendesk().clientSecret()).isEqualTo("cs");
        assertThat(definition.toString()).doesNotContain("cs\"");
    }

    @Test
    void unknown_auth_type_is_named_with_the_accepted_ones() throws Exception {
        assertThatThrownBy(() -> ConnectionDefinition.parse(json(file("https://acme.zendesk.com", "{\"type\": \"password\"}")), ZENDESK, ENGAGEMENT))
                .isInstanceOf(InvalidConnectionException.class)
                .hasMessageContaining("zendesk.auth.type must be \"oauth_client_credentials\" or \"api_token\", was \"password\"");
    }

    @Test
    void plain_http_and_foreign_zendesk_hosts_are_refused() throws Exception {
        var token = "{\"type\": \"api_token\", \"email\": \"a@b.c\", \"token\": \"t\"}";
        assertThatThrownBy(() -> ConnectionDefinition.parse(json(file("http://acme.zendesk.com", token)), ZENDESK, ENGAGEMENT))
                .hasMessageContaining("zendesk.url must use https://");
        assertThatThrownBy(() -> ConnectionDefinition.parse(json(file("https://zendesk.com.evil.example", token)), ZENDESK, ENGAGEMENT))
                .hasMessageContaining("zendesk.url host zendesk.com.evil.example is not on this backend's allow-list");
        assertThatThrownBy(() -> ConnectionDefinition.parse(json(file("https://169.254.169.254", token)), ZENDESK, ENGAGEMENT))
                .hasMessageContaining("zendesk.url points at a private, link-local or reserved address");
    }

    @Test
    void loopback_http_is_allowed_only_when_the_operator_allows_it() throws Exception {
        var token = "{\"type\": \"api_token\", \"email\": \"a@b.c\", \"token\": \"t\"}";
        var loopback = new HostPolicy(List.of("*.zendesk.com"), true);
        assertThat(ConnectionDefinition.parse(json(file("http://127.0.0.1:8091", token)), loopback, ENGAGEMENT).zendeskUrl())
                .isEqualTo("http://127.0.0.1:8091");
        assertThatThrownBy(() -> ConnectionDefinition.parse(json(file("http://127.0.0.1:8091", token)), ZENDESK, ENGAGEMENT))
                .hasMessageContaining("zendesk.url points at this server itself");
    }

    @Test
    void every_missing_field_is_named_at_once() throws Exception {
        assertThatThrownBy(() -> ConnectionDefinition.parse(json("{\"zendesk\": {\"auth\": {\"type\": \"api_token\"}}}"), ZENDESK, ENGAGEMENT))
                .isInstanceOfSatisfying(InvalidConnectionException.class, e -> assertThat(e.problems()).extracting(p -> p.split(" ")[0])
                        .containsExactly("name", "zendesk.url", "zendesk.auth.email", "zendesk.auth.token", "engagement.base_url",
                                "engagement.project_token", "engagement.key_id", "engagement.key_secret"));
    }

    @Test
    void a_plan_ceiling_that_is_not_a_sane_whole_number_is_refused() throws Exception {
        var text = file("https://acme.zendesk.com", "{\"type\": \"api_token\", \"email\": \"a@b.c\", \"token\": \"t\"}")
                .replaceFirst("}$", ", \"settings\": {\"plan_requests_per_minute\": \"lots\"}}");
        assertThatThrownBy(() -> ConnectionDefinition.parse(json(text), ZENDESK, ENGAGEMENT))
                .hasMessageContaining("settings.plan_requests_per_minute must be a whole number");
    }

    static String withBraze(String braze) {
        var base = file("https://acme.zendesk.com", "{\"type\": \"api_token\", \"email\": \"a@b.c\", \"token\": \"t\"}");
        return base.substring(0, base.length() - 1) + ", \"braze\": " + braze + "}";
    }

    @Test
    void a_braze_section_makes_the_relay_go_to_braze_with_its_key_kept_as_a_secret() throws Exception {
        var definition = ConnectionDefinition.parse(json(withBraze("{\"rest_endpoint\": \"https://rest.fra-01.braze.eu/\", \"api_key\": \"bk\"}")),
                ZENDESK, ENGAGEMENT);

        assertThat(definition.settings().path(ConnectionDefinition.RELAY_TARGET).asText()).isEqualTo("braze");
        assertThat(definition.settings().path(ConnectionDefinition.BRAZE_REST_ENDPOINT).asText()).isEqualTo("https://rest.fra-01.braze.eu");
        assertThat(definition.brazeApiKey()).isEqualTo("bk");
        assertThat(definition.settings().toString()).doesNotContain("bk");
    }

    @Test
    void a_braze_endpoint_off_brazes_hosts_or_without_a_key_is_refused_naming_the_fix() throws Exception {
        assertThatThrownBy(() -> ConnectionDefinition.parse(json(withBraze("{\"rest_endpoint\": \"https://rest.braze.com.evil.example\", "
                + "\"api_key\": \"bk\"}")), ZENDESK, ENGAGEMENT))
                .hasMessageContaining("braze.rest_endpoint host rest.braze.com.evil.example is not on this backend's allow-list (*.braze.com, *.braze.eu)");
        assertThatThrownBy(() -> ConnectionDefinition.parse(json(withBraze("{\"rest_endpoint\": \"http://rest.iad-01.braze.com\", \"api_key\": \"bk\"}")),
                ZENDESK, ENGAGEMENT)).hasMessageContaining("braze.rest_endpoint must use https://");
        assertThatThrownBy(() -> ConnectionDefinition.parse(json(withBraze("{\"rest_endpoint\": \"http://127.0.0.1:9\", \"api_key\": \"bk\"}")),
                ZENDESK, ENGAGEMENT)).hasMessageContaining("braze.rest_endpoint points at this server itself");
        assertThatThrownBy(() -> ConnectionDefinition.parse(json(withBraze("{\"rest_endpoint\": \"https://rest.iad-01.braze.com\"}")), ZENDESK, ENGAGEMENT))
                .hasMessageContaining("braze.api_key is missing: give a Braze REST API key with the users.track permission");
    }
}
