package io.engagementbridge.demo;

import io.engagementbridge.App;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ZendeskAccounts;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.oauth.DisconnectConnection;
import io.engagementbridge.priority.ProvisionConnection;
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
     * The connection once none of its provisioning (or disconnecting) is waiting or running: a provisioning run under way
     * would write its copy of the settings back over a test's change.
     */
    private Connection idle(Connection connection) {
        var work = workspace.demo().writeSide().work();
        // Only provisioning and disconnecting write the settings; the relay's sweep always has its next run waiting, and the demo's
        // arriving tickets keep relay work coming.
        var writers = java.util.Set.of(ProvisionConnection.KIND, DisconnectConnection.KIND);
        workspace.browser().await("the connection's provisioning to finish", WAIT, () -> work.summaryByKind(connection.id(), java.time.Instant.EPOCH)
                .stream().filter(kind -> writers.contains(kind.kind())).allMatch(kind -> kind.pending() + kind.running() == 0) ? true : null);
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

    /** Runs in the admin page: pokes every element but the action buttons with events, focus and clicks; answers what is active in it. */
    private static final String POKE = """
            var root = document.getElementById('eb-admin');
            var types = ['mouseover', 'mouseenter', 'mousedown', 'mouseup', 'focus', 'focusin', 'blur', 'keydown', 'change', 'toggle', 'load', 'error'];
            Array.prototype.slice.call(root.querySelectorAll('*')).forEach(function (el) {
              types.forEach(function (type) { el.dispatchEvent(new Event(type, { bubbles: true })); });
              if (typeof el.focus === 'function') el.focus();
              if (!el.closest('button')) el.click();
            });
            return Array.prototype.filter.call(root.querySelectorAll('*'), function (el) {
              return /^(script|iframe|object|embed|img|a|svg|math|style|link|form)$/i.test(el.tagName)
                || Array.prototype.some.call(el.attributes, function (a) { return /^on/i.test(a.name); });
            }).map(function (el) { return el.outerHTML.slice(0, 120); });
            """;

    /** Pokes every element of the page (hover, focus, click, …) and answers the active elements or handlers found in it (none, if inert). */
    @SuppressWarnings("unchecked")
    java.util.List<String> pokeEveryElement() {
        var unsafe = new java.util.ArrayList<String>();
        workspace.browser().inApp(() -> unsafe.addAll((java.util.List<String>) workspace.browser().driver.executeScript(POKE)));
        return unsafe;
    }

    /** The text of every element matching {@code css} in the admin page, as the DOM holds it. */
    @SuppressWarnings("unchecked")
    java.util.List<String> texts(String css) {
        var texts = new java.util.ArrayList<String>();
        workspace.browser().inApp(() -> texts.addAll((java.util.List<String>) workspace.browser().driver.executeScript(
                "return Array.prototype.map.call(document.querySelectorAll(arguments[0]), function (el) { return el.textContent; });", css)));
        return texts;
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
