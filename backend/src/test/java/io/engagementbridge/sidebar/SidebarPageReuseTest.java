package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.TestBackends;
import io.javalin.testtools.JavalinTest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.engagementbridge.TestBackends.attributesAnswer;
import static io.engagementbridge.TestBackends.dataApiRequest;
import static io.engagementbridge.sidebar.SidebarDataApiTest.open;
import static org.assertj.core.api.Assertions.assertThat;

/** A cached profile's finished page is reused only for an open that would render exactly the same page. */
final class SidebarPageReuseTest {
    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();

    private void answerOnce() {
        engagement.enqueue(new MockResponse.Builder().body(attributesAnswer("Ada", "Lovelace", "London", 12845.5, "Champions", "Gold")).build());
    }

    /** Opens Ada's sidebar, changes the request, opens it again; returns both pages. */
    private List<String> openChangedAgain(Consumer<ObjectNode> change) {
        answerOnce();
        var pages = new ArrayList<String>();
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = dataApiRequest(engagement.url("/"), "ada@example.com");
            pages.add(open(client, body.toString()).body().string());
            change.accept(body);
            pages.add(open(client, body.toString()).body().string());
        });
        return pages;
    }

    @Test
    void agent_with_another_locale_gets_the_profile_in_their_format() {
        var pages = openChangedAgain(body -> body.with("agent").put("locale", "de-DE"));
        assertThat(pages.get(0)).contains("$12,845.50");
        assertThat(pages.get(1)).contains("12.845,50");
        assertThat(engagement.getRequestCount()).isEqualTo(1);
    }

    @Test
    void changed_settings_show_on_the_next_open() {
        var pages = openChangedAgain(body -> body.with("settings").put("title", "Engagement at a glance"));
        assertThat(pages.get(0)).contains("Customer value");
        assertThat(pages.get(1)).contains("Engagement at a glance").doesNotContain("Customer value");
    }

    @Test
    void stale_profile_shows_its_age_as_it_grows() {
        answerOnce();
        for (int i = 0; i < 12; i++) {
            engagement.enqueue(new MockResponse.Builder().code(503).body("{}").build());
        }
        JavalinTest.test(backends.app(), (server, client) -> {
            var body = dataApiRequest(engagement.url("/"), "ada@example.com").toString();
            open(client, body);
            assertThat(open(client, body).body().string()).doesNotContain("eb-stale");
            backends.advance(Duration.ofMinutes(5));
            assertThat(open(client, body).body().string()).contains("showing data from 5 min ago");
            backends.advance(Duration.ofMinutes(1));
            assertThat(open(client, body).body().string()).contains("showing data from 6 min ago");
        });
    }
}
