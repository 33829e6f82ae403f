package io.engagementbridge.demo;

import io.engagementbridge.work.WorkState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Zendesk revokes the bridge's tokens: the next write fails for good, and the admin page says to reconnect. */
final class AdminPageTokenAlertBrowserTest {
    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();
    private final AdminPage page = new AdminPage(workspace);

    @Test
    void a_revoked_token_shows_a_banner_that_says_to_reconnect_and_the_tiers_panel_names_the_fix() {
        var connection = page.connected();
        workspace.demo().zendeskApi().revokeAllTokens();
        page.open("");

        page.click("[data-eb-action='repair']");
        var work = workspace.demo().writeSide().work();
        workspace.browser().await("the repair to fail for good", Duration.ofSeconds(20),
                () -> work.items(connection.id(), WorkState.DEAD, 10).isEmpty() ? null : true);
        page.refresh();

        assertThat(page.text("#eb-alerts")).contains("Zendesk refused the bridge\u2019s token. Reconnect Zendesk, then Replay what failed.");
        assertThat(page.text("#eb-panel-tiers")).contains("Zendesk did not answer the tier counts", "reconnect Zendesk");
        assertThat(page.text("#eb-panel-sync .eb-admin-dead-letters")).contains("401 unauthorized");
    }

    @Test
    void a_german_admin_gets_the_page_in_german() {
        page.connected();
        page.open("?locale=de-DE");

        assertThat(page.text("#eb-panel-connection")).contains("Verbindung", "Verbunden mit", "In Zendesk angelegt");
        assertThat(page.text("#eb-panel-limits")).contains("Limits, letzte Stunde", "Zendesk-Anfragen/Min.");
    }
}
