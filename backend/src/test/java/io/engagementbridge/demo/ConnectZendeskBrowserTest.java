package io.engagementbridge.demo;

import io.engagementbridge.App;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.connection.AuthType;
import io.engagementbridge.connection.ZendeskAccounts;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.zendesk.ResponseObserver;
import io.engagementbridge.zendesk.ZendeskRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** In the demo an admin connects the app to (simulated) Zendesk with OAuth, sees it connected, and the bridge can call Zendesk. */
final class ConnectZendeskBrowserTest {
    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();

    private String panelText() {
        var text = new String[1];
        workspace.browser().inApp(() -> text[0] = workspace.browser().driver.findElement(By.id("eb-connect")).getText());
        return text[0];
    }

    @Test
    void admin_connects_zendesk_through_the_oauth_approval_and_sees_the_connection() {
        var browser = workspace.browser();
        workspace.open("");
        browser.await("the Connect Zendesk button", Duration.ofSeconds(10), () -> panelText().contains("Connect Zendesk") ? true : null);
        var workspaceWindow = browser.driver.getWindowHandle();

        workspace.clickInApp("[data-eb-connect='connect']");
        browser.await("Zendesk's approval tab", Duration.ofSeconds(10), () -> browser.driver.getWindowHandles().size() == 2 ? true : null);
        var approval = browser.driver.getWindowHandles().stream().filter(h -> !h.equals(workspaceWindow)).findFirst().orElseThrow();
        browser.driver.switchTo().window(approval);
        browser.await("the Allow button", Duration.ofSeconds(10), () -> browser.driver.findElements(By.id("allow")).isEmpty() ? null : true);
        browser.driver.findElement(By.id("allow")).click();
        browser.await("the connected page", Duration.ofSeconds(10),
                () -> browser.driver.findElement(By.tagName("body")).getText().contains("Connected to Zendesk") ? true : null);
        browser.closeOtherWindows(workspaceWindow);
        browser.inApp(() -> browser.driver.executeScript("window.dispatchEvent(new Event('focus'))"));

        browser.await("the panel saying connected", Duration.ofSeconds(10), () -> panelText().contains("Connected to") ? true : null);
        assertThat(panelText()).contains(workspace.demo().zendeskApiUrl().replaceAll("/$", ""));

        var writeSide = workspace.demo().writeSide();
        var connection = writeSide.connectionRepository().list().stream().filter(c -> c.installationKey().isPresent()).findFirst().orElseThrow();
        assertThat(connection.authType()).isEqualTo(AuthType.OAUTH_AUTHORIZATION_CODE);
        var secrets = writeSide.connectionRepository().secrets(connection.id()).orElseThrow().secrets();
        var client = writeSide.zendeskClients(HttpClients.upstream(Timeouts.DEFAULTS, writeSide.config().zendeskHosts()), App.mapper(),
                Clock.systemUTC(), ResponseObserver.NONE).connect(ZendeskAccounts.of(connection, secrets, writeSide.config().oauth()), 700).client();
        assertThat(client.send(ZendeskRequest.get("/api/v2/users/me.json")).body().path("user").path("role").asText()).isEqualTo("admin");

        // Connecting queued the provisioning, which the backend's workers ran against the simulated Zendesk.
        var zendesk = workspace.demo().zendeskApi();
        browser.await("the tier field, triggers and view in Zendesk", Duration.ofSeconds(20),
                () -> zendesk.triggers().size() >= 3 && !zendesk.views().isEmpty()
                        && zendesk.userFields().stream().anyMatch(f -> f.key().equals("eb_customer_tier")) ? true : null);
        assertThat(zendesk.triggers()).extracting(t -> t.title()).contains("Engagement Bridge: VIP");
        assertThat(zendesk.views()).extracting(v -> v.title()).contains("Tickets by customer value");
    }
}
