package io.engagementbridge.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An installation whose Engagement key secret is wrong: the admin page's Engagement test says so and what to do. */
final class AdminEngagementTestBrowserTest {
    private static final String WRONG_SECRET = "not-the-engagement-key-secret-0000";

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace(Map.of("engagement_api_key_secret", WRONG_SECRET));
    private final AdminPage page = new AdminPage(workspace);

    @Test
    void a_wrong_key_secret_in_the_app_settings_is_named_with_where_to_copy_it_from() {
        page.connected();
        page.open("");

        page.click("[data-eb-action='engagement-test']");

        workspace.browser().await("the test's answer", Duration.ofSeconds(20),
                () -> page.inPage("#eb-admin-engagement [data-engagement='UNAUTHORIZED']") ? true : null);
        assertThat(page.text("#eb-admin-engagement")).contains("App settings: Engagement rejected the API key ID or secret (401). "
                + "Copy them again from Project settings › Access management › API.").doesNotContain(WRONG_SECRET);
    }
}
