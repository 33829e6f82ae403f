package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.DataFiles;
import io.engagementbridge.TestBackends;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.engagement.HttpClients;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every line of hostile/ssrf-urls.txt, in either upstream setting, against the production
 * configuration: the backend refuses it with a message an admin can act on and opens no connection.
 * All sockets land on loopback; anything but the allowed upstream reaches the counting canary.
 */
final class HostileUpstreamsAreRefusedTest {
    private static final String URLS = "hostile/ssrf-urls.txt";
    private static final String BASE_URL = "engagement_api_base_url";
    private static final String MANAGED_ENDPOINT_URL = "managed_endpoint_url";
    private static final String ALLOWED_HOST = "api.exponea.com";
    private static final String MANAGED_ENDPOINT_PATH = "/webxp/s/demo-project/managed-endpoints/sidebar-me";
    private static final Messages ENGLISH = new Messages(Locale.ENGLISH);

    private static ConnectionCanary canary;
    private static MockWebServer upstream;
    private static SealedNetwork network;
    private static Javalin backend;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        canary = new ConnectionCanary();
        var certificate = new HeldCertificate.Builder().addSubjectAlternativeName(ALLOWED_HOST).build();
        upstream = new MockWebServer();
        upstream.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory());
        upstream.start(InetAddress.getLoopbackAddress(), 0);
        network = new SealedNetwork(upstream.getSocketAddress(), canary.address());
        network.answer(ALLOWED_HOST, List.of(SealedNetwork.UPSTREAM_ADDRESS.getHostAddress()));

        var production = BridgeConfig.fromEnv(Map.of("BRIDGE_PORT", "0"));
        assertThat(production.hostPolicy().allowHttpLoopback()).isFalse();
        var trust = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
        var http = HttpClients.upstream(production.timeouts(), production.hostPolicy(), network.resolver()).newBuilder()
                .socketFactory(network.sockets())
                .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
                .build();
        backend = new TestBackends().app(production, http).start("127.0.0.1", 0);
        client = new HttpClient(backend, java.net.http.HttpClient.newHttpClient());
    }

    @AfterAll
    static void stop() {
        backend.stop();
        upstream.close();
        canary.close();
    }

    /** One line of the list, tried in one setting. */
    record Attempt(String setting, String line) {
        String path() {
            return setting.equals(BASE_URL) ? "/" : MANAGED_ENDPOINT_PATH;
        }

        String fill(String template) {
            return template.replace("{port}", String.valueOf(canary.address().getPort())).replace("{path}", path());
        }

        boolean isRedirect() {
            return line.matches("3\\d\\d \\S+");
        }

        @Override
        public String toString() {
            return setting + " = " + line;
        }
    }

    static Stream<Attempt> urls() {
        return attempts().filter(attempt -> !attempt.isRedirect());
    }

    static Stream<Attempt> redirects() {
        return attempts().filter(Attempt::isRedirect);
    }

    private static Stream<Attempt> attempts() {
        return DataFiles.lines(URLS).stream().map(String::strip)
                .flatMap(line -> Stream.of(new Attempt(BASE_URL, line), new Attempt(MANAGED_ENDPOINT_URL, line)));
    }

    private static String sidebar(String setting, String url) {
        var body = TestBackends.dataApiRequest(HttpUrl.get("https://" + ALLOWED_HOST + "/"), "ada@example.com");
        ((ObjectNode) body.get("settings")).put(setting, url);
        return SidebarDataApiTest.open(client, body.toString()).body().string();
    }

    @Test
    void the_list_holds_at_least_twenty_hostile_urls() {
        assertThat(DataFiles.lines(URLS)).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void hostile_url_is_refused_with_a_message_for_the_admin_and_no_connection(Attempt attempt) {
        var parts = attempt.line().split(" dns=", 2);
        var url = attempt.fill(parts[0]);
        var resolved = parts.length == 2;
        if (resolved) {
            network.answer(HttpUrl.get(url).host(), List.of(parts[1].split(",")));
        }

        var html = sidebar(attempt.setting(), url);

        if (resolved) {
            assertThat(html).contains("data-state=\"error\"", ENGLISH.get("error.NOT_ALLOWED"), ENGLISH.get("errorhint.admin.NOT_ALLOWED"));
        } else {
            assertThat(html).contains("data-state=\"misconfigured\"", "<li>" + attempt.setting() + ": ");
        }
        assertThat(canary.connections()).as("connections opened to anything but the allowed upstream").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redirects")
    void redirect_from_an_allowed_host_is_refused_and_never_followed(Attempt attempt) {
        var redirect = attempt.line().split(" ", 2);
        upstream.enqueue(new MockResponse.Builder().code(Integer.parseInt(redirect[0]))
                .addHeader("Location", attempt.fill(redirect[1])).build());
        var callsBefore = upstream.getRequestCount();

        var html = sidebar(attempt.setting(), "https://" + ALLOWED_HOST + attempt.path());

        assertThat(html).contains("data-state=\"error\"", ENGLISH.get("error.REDIRECTED"));
        assertThat(upstream.getRequestCount() - callsBefore).as("calls to the allowed upstream").isEqualTo(1);
        assertThat(canary.connections()).as("connections opened to anything but the allowed upstream").isZero();
    }
}
