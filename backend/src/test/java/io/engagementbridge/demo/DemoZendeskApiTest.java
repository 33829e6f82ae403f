package io.engagementbridge.demo;

import io.engagementbridge.config.BridgeConfig;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoZendeskApiTest {

    @Test
    void the_demo_runs_a_zendesk_api_simulator_that_knows_the_backend_as_an_oauth_client() throws IOException {
        var demo = Demo.start(BridgeConfig.forLoopback(0), 0, 0, Map.of(), 0);
        try {
            var callback = HttpUrl.get(demo.zendeskApiUrl()).newBuilder().port(demo.backendPort()).encodedPath(Demo.ZENDESK_OAUTH_CALLBACK).build()
                    .toString();
            var http = new OkHttpClient.Builder().followRedirects(false).build();
            var form = new FormBody.Builder().add("client_id", Demo.ZENDESK_CLIENT_ID).add("redirect_uri", callback).add("state", "s1")
                    .add("decision", "allow").build();
            try (var response = http.newCall(new Request.Builder().url(demo.zendeskApiUrl() + "/oauth/authorizations").post(form).build()).execute()) {
                assertThat(response.code()).isEqualTo(302);
                assertThat(HttpUrl.get(response.header("Location")).queryParameter("code")).isNotBlank();
            }
            var welcome = new ByteArrayOutputStream();
            demo.printWelcome(new PrintStream(welcome, true, StandardCharsets.UTF_8));
            assertThat(welcome.toString(StandardCharsets.UTF_8)).contains("Zendesk API simulator: " + demo.zendeskApiUrl());
        } finally {
            demo.stop();
        }
    }
}
