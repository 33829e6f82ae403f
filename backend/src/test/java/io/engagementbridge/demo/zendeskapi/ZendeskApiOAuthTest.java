package io.engagementbridge.demo.zendeskapi;

import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.engagementbridge.demo.zendeskapi.SimulatorHarness.CLIENT_ID;
import static io.engagementbridge.demo.zendeskapi.SimulatorHarness.CLIENT_SECRET;
import static io.engagementbridge.demo.zendeskapi.SimulatorHarness.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;

class ZendeskApiOAuthTest {
    private final SimulatorHarness zendesk = new SimulatorHarness();

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void authorization_code_flow_shows_an_allow_page_redirects_with_code_and_state_and_the_token_reads_the_api() {
        var page = zendesk.send("GET", "/oauth/authorizations/new?response_type=code&client_id=" + CLIENT_ID
                + "&redirect_uri=" + REDIRECT_URI + "&scope=read%20write&state=xyz%3C", null, null);
        assertThat(page.code()).isEqualTo(200);
        assertThat(page.body()).contains("Allow").contains("Engagement Bridge").contains("value=\"xyz&lt;\"");

        var code = approve("xyz<");
        var tokens = token("{\"grant_type\":\"authorization_code\",\"code\":\"" + code + "\",\"client_id\":\"" + CLIENT_ID
                + "\",\"client_secret\":\"" + CLIENT_SECRET + "\",\"redirect_uri\":\"" + REDIRECT_URI + "\",\"scope\":\"read write\"}");

        assertThat(tokens.code()).isEqualTo(200);
        assertThat(tokens.json().get("token_type").asText()).isEqualTo("bearer");
        assertThat(tokens.json().get("expires_in").asLong()).isEqualTo(1800);
        var bearer = "Bearer " + tokens.json().get("access_token").asText();
        assertThat(zendesk.send("GET", "/api/v2/users.json", null, bearer).code()).isEqualTo(200);

        var replayed = token("{\"grant_type\":\"authorization_code\",\"code\":\"" + code + "\",\"client_id\":\"" + CLIENT_ID
                + "\",\"client_secret\":\"" + CLIENT_SECRET + "\",\"redirect_uri\":\"" + REDIRECT_URI + "\"}");
        assertThat(replayed.code()).isEqualTo(400);
        assertThat(replayed.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void a_refresh_token_works_once_and_its_reuse_is_400_invalid_grant() {
        var first = token("{\"grant_type\":\"authorization_code\",\"code\":\"" + approve("s") + "\",\"client_id\":\"" + CLIENT_ID
                + "\",\"client_secret\":\"" + CLIENT_SECRET + "\",\"redirect_uri\":\"" + REDIRECT_URI + "\"}").json();
        var refresh = first.get("refresh_token").asText();

        var rotated = token("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refresh + "\",\"client_id\":\"" + CLIENT_ID
                + "\",\"client_secret\":\"" + CLIENT_SECRET + "\"}");
        assertThat(rotated.code()).isEqualTo(200);
        assertThat(rotated.json().get("refresh_token").asText()).isNotEqualTo(refresh);

        var reused = token("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refresh + "\",\"client_id\":\"" + CLIENT_ID
                + "\",\"client_secret\":\"" + CLIENT_SECRET + "\"}");
        assertThat(reused.code()).isEqualTo(400);
        assertThat(reused.json().get("error").asText()).isEqualTo("invalid_grant");

        var next = token("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + rotated.json().get("refresh_token").asText()
                + "\",\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"" + CLIENT_SECRET + "\"}");
        assertThat(next.code()).isEqualTo(200);
    }

    @Test
    void an_access_token_stops_working_when_it_expires_or_is_revoked() {
        var tokens = token("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\""
                + CLIENT_SECRET + "\",\"scope\":\"read write\",\"expires_in\":600}").json();
        assertThat(tokens.has("refresh_token")).isFalse();
        var bearer = "Bearer " + tokens.get("access_token").asText();
        assertThat(zendesk.send("GET", "/api/v2/users", null, bearer).code()).isEqualTo(200);

        zendesk.clock.advance(Duration.ofSeconds(600));
        var expired = zendesk.send("GET", "/api/v2/users", null, bearer);
        assertThat(expired.code()).isEqualTo(401);
        assertThat(expired.json().get("error").asText()).isEqualTo("invalid_token");

        var fresh = "Bearer " + token("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\""
                + CLIENT_SECRET + "\"}").json().get("access_token").asText();
        zendesk.send("POST", "/simulator/faults", "{\"revoke_tokens\":true}", null);
        assertThat(zendesk.send("GET", "/api/v2/users", null, fresh).code()).isEqualTo(401);
    }

    @Test
    void wrong_credentials_are_401_in_zendesks_words_and_a_token_is_held_to_its_scope() {
        assertThat(zendesk.send("GET", "/api/v2/users", null, null).json().get("error").asText()).isEqualTo("Couldn't authenticate you");
        assertThat(zendesk.send("GET", "/api/v2/users", null, "Basic aW50ZWdyYXRpb25AZXhhbXBsZS5jb20vdG9rZW46d3Jvbmc=").code()).isEqualTo(401);
        var badClient = token("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"nope\"}");
        assertThat(badClient.code()).isEqualTo(401);
        assertThat(badClient.json().get("error").asText()).isEqualTo("invalid_client");

        var readOnly = "Bearer " + token("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\""
                + CLIENT_SECRET + "\",\"scope\":\"read\"}").json().get("access_token").asText();
        assertThat(zendesk.send("GET", "/api/v2/users", null, readOnly).code()).isEqualTo(200);
        assertThat(zendesk.send("POST", "/api/v2/users/create_or_update", "{\"user\":{\"name\":\"A\",\"external_id\":\"x\"}}", readOnly).code())
                .isEqualTo(403);
        assertThat(zendesk.simulator.users()).isEmpty();

        var writeOnly = "Bearer " + token("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\""
                + CLIENT_SECRET + "\",\"scope\":\"users:write\"}").json().get("access_token").asText();
        assertThat(zendesk.send("POST", "/api/v2/users/create_or_update", "{\"user\":{\"name\":\"A\",\"external_id\":\"x\"}}", writeOnly).code())
                .isEqualTo(201);
        assertThat(zendesk.send("GET", "/api/v2/users", null, writeOnly).code()).isEqualTo(403);
        assertThat(zendesk.send("POST", "/api/v2/tickets", "{\"ticket\":{\"comment\":{\"body\":\"x\"}}}", writeOnly).code()).isEqualTo(403);
    }

    /** Posts the consent form as the Allow button would and returns the code from the redirect. */
    private String approve(String state) {
        var form = new FormBody.Builder().add("client_id", CLIENT_ID).add("redirect_uri", REDIRECT_URI).add("state", state)
                .add("scope", "read write").add("response_type", "code").add("decision", "allow").build();
        var reply = zendesk.execute(new Request.Builder().url(zendesk.base + "/oauth/authorizations").post(form).build());
        assertThat(reply.code()).isEqualTo(302);
        var location = HttpUrl.get(reply.header("Location"));
        assertThat(location.toString()).startsWith(REDIRECT_URI);
        assertThat(location.queryParameter("state")).isEqualTo(state);
        return location.queryParameter("code");
    }

    private SimulatorHarness.Reply token(String json) {
        return zendesk.send("POST", "/oauth/tokens", json, null);
    }
}
