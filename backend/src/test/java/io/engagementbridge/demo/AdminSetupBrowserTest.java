package io.engagementbridge.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An installation with mistakes in its settings, as the admin and an agent see it. */
final class AdminSetupBrowserTest {
    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace(Map.of("fields", "[{\"type\": \"property\",}]", "currency", "EURO"));

    @Test
    void admin_sees_a_checklist_naming_each_broken_setting_and_can_test_the_connection() {
        workspace.open("");
        workspace.awaitSidebar("ticket_sidebar", "misconfigured");
        assertThat(workspace.appText()).contains("Engagement Bridge needs setup", "fields: This is not valid JSON",
                "currency: Use a three-letter ISO 4217 code");
        workspace.clickInApp("[data-eb-action='test-connection']");
        workspace.awaitSidebar("ticket_sidebar", "connection-ok");
        assertThat(workspace.appText()).contains("Credentials OK");
    }

    @Test
    void agent_who_is_not_admin_is_told_to_ask_the_admin_in_one_line() {
        workspace.open("?role=agent");
        workspace.awaitSidebar("ticket_sidebar", "misconfigured");
        assertThat(workspace.appText()).contains("Ask your Zendesk admin to finish setting up Engagement Bridge.")
                .doesNotContain("fields:", "Test connection");
    }
}
