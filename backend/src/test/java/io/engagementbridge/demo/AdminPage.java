package io.engagementbridge.demo;

import io.engagementbridge.App;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ZendeskAccounts;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.relay.RelaySweep;
import io.engagementbridge.zendesk.ResponseObserver;
import io.engagementbridge.zendesk.ZendeskClient;
import org.openqa.selenium.By;

import java.time.Clock;
import java.time.Duration;

/** The demo's admin page as an admin reaches it: connect Zendesk once from the sidebar, then the app's icon in the nav bar. */
final class AdminPage {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DemoWorkspace workspace;

    AdminPage(DemoWorkspace workspace) {
        this.workspace = workspace;
    }

    /** The installation's connection, made through the real OAuth approval the first time, with provisioning finished. */
    Connection connected() {
        var repository = workspace.demo().writeSide().connectionRepository();
        var existing = repository.list().stream().filter(c -> c.installationKey().isPresent()).findFirst();
        if (existing.isPresent()) {
            return idle(existing.get());
        }
        var browser = workspace.browser();
        workspace.open("");
        browser.await("the Connect Zendesk button", WAIT, () -> browser.find("#app-frame") != null && inSidebar("#eb-connect [data-eb-connect='connect']"));
        var workspaceWindow = browser.driver.getWindowHandle();
        workspace.clickInApp("[data-eb-connect='connect']");
        browser.await("Zendesk's approval tab", WAIT, () -> browser.driver.getWindowHandles().size() == 2 ? true : null);
        var approval = browser.driver.getWindowHandles().stream().filter(h -> !h.equals(workspaceWindow)).findFirst().orElseThrow();
        browser.driver.switchTo().window(approval);
        browser.await("the Allow button", WAIT, () -> browser.driver.findElements(By.id("allow")).isEmpty() ? null : true);
        browser.driver.findElement(By.id("allow")).click();
        browser.await("the connected page", WAIT, () -> browser.driver.findElement(By.tagName("body")).getText().contains("Connected to Zendesk") ? true : null);
        browser.closeOtherWindows(workspaceWindow);
        var zendesk = workspace.demo().zendeskApi();
        browser.await("provisioning in Zendesk", WAIT, () -> zendesk.triggers().size() >= 3 && !zendesk.views().isEmpty() ? true : null);
        return idle(repository.list().stream().filter(c -> c.installationKey().isPresent()).findFirst().orElseThrow());
    }

    /**
     * The connection once none of its work is waiting or running: a provisioning run under way would write its copy of
     * the settings back over a test's change.
     */
    private Connection idle(Connection connection) {
        var work = workspace.demo().writeSide().work();
        // The relay's periodic sweep always has its next run waiting: it never writes the settings, so it does not count.
        workspace.browser().await("the connection's work to finish", WAIT, () -> work.summaryByKind(connection.id(), java.time.Instant.EPOCH)
                .stream().filter(kind -> !kind.kind().equals(RelaySweep.KIND)).allMatch(kind -> kind.pending() + kind.running() == 0) ? true : null);
        return workspace.demo().writeSide().connectionRepository().find(connection.id()).orElseThrow();
    }

    private boolean inSidebar(String css) {
        var found = new boolean[1];
        workspace.browser().inApp(() -> found[0] = workspace.browser().find(css) != null);
        return found[0];
    }

    /** Opens the workspace ({@code query} picks the agent), clicks the app in the nav bar and waits until the page has loaded. */
    void open(String query) {
        var browser = workspace.browser();
        browser.driver.get(workspace.demo().zendeskUrl() + query);
        browser.await("the nav bar", WAIT, () -> browser.find("#nav-app"));
        browser.await("the ticket list", WAIT, () -> browser.find("#ticket-list li"));
        browser.find("#nav-app").click();
        awaitLoaded();
    }

    /** Waits until the page is not busy: the overview, and when connected the tier counts, have arrived. */
    void awaitLoaded() {
        workspace.browser().await("the admin page", WAIT, () -> {
            var frame = workspace.browser().find("#app-frame");
            if (frame == null || !"nav_bar".equals(frame.getDomAttribute("data-location"))) {
                return false;
            }
            return inPage("#eb-admin[aria-busy='false'][data-state]:not([data-state='loading'])");
        });
    }

    boolean inPage(String css) {
        return inSidebar(css);
    }

    /** The visible text of the first element matching {@code css} in the admin page, or null. */
    String text(String css) {
        var text = new String[1];
        workspace.browser().inApp(() -> {
            var found = workspace.browser().find(css);
            text[0] = found == null ? null : found.getText().replace('\u00a0', ' ').replace('\u202f', ' ');
        });
        return text[0];
    }

    void click(String css) {
        workspace.clickInApp(css);
    }

    /** Waits for any load under way, clicks Refresh and waits for the page to load again. */
    void refresh() {
        awaitLoaded();
        click("[data-eb-action='refresh']");
        awaitLoaded();
    }

    /** A Zendesk client with the connection's own OAuth token, to change Zendesk behind the bridge's back. */
    ZendeskClient zendeskAs(Connection connection) {
        var writeSide = workspace.demo().writeSide();
        var secrets = writeSide.connectionRepository().secrets(connection.id()).orElseThrow().secrets();
        return writeSide.zendeskClients(HttpClients.upstream(Timeouts.DEFAULTS, writeSide.config().zendeskHosts()), App.mapper(),
                Clock.systemUTC(), ResponseObserver.NONE).connect(ZendeskAccounts.of(connection, secrets, writeSide.config().oauth()), 700).client();
    }
}
