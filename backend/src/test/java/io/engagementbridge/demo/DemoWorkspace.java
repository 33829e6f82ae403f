package io.engagementbridge.demo;

import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.demo.zendesk.SimulatedTicket;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * One demo and one Chromium per test class ({@code @RegisterExtension static final DemoWorkspace workspace}),
 * driven the way an agent uses the workspace page: open it, open tickets and sidebars, read the app.
 */
final class DemoWorkspace implements BeforeAllCallback, AfterAllCallback {
    private static final Duration PAGE_LOAD = Duration.ofSeconds(10);

    private final Map<String, String> settingOverrides;
    private Demo demo;
    private BrowserSession browser;

    DemoWorkspace() {
        this(Map.of());
    }

    /** A workspace whose app installation has these settings changed. */
    DemoWorkspace(Map<String, String> settingOverrides) {
        this.settingOverrides = Map.copyOf(settingOverrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        demo = Demo.start(BridgeConfig.forLoopback(0), 0, 0, settingOverrides);
        browser = new BrowserSession();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (demo != null) {
                demo.stop();
            }
        }
    }

    Demo demo() {
        return demo;
    }

    BrowserSession browser() {
        return browser;
    }

    /**
     * Loads the workspace page ({@code query} may pick the agent, e.g. {@code ?locale=de-DE}) and waits until the
     * ticket it opens by itself shows its sidebar, whatever it says, so no load from the page's start is still under way.
     */
    void open(String query) {
        browser.driver.get(demo.zendeskUrl() + query);
        var first = demo.tickets().get(0).id();
        browser.await("the ticket list", PAGE_LOAD, () -> browser.find("#ticket-list li[data-ticket-id='" + first + "']"));
        awaitSidebar("ticket_sidebar", null);
    }

    /** Clicks a ticket in the queue and waits for its sidebar; returns how long that took in milliseconds. */
    long openTicket(long id, String expectedState) {
        return browser.openTicket(id, expectedState);
    }

    void awaitSidebar(String location, String state) {
        browser.awaitSidebar(location, state);
    }

    /** Clicks the first element matching {@code css} inside the app iframe. */
    void clickInApp(String css) {
        browser.inApp(() -> browser.driver.findElement(By.cssSelector(css)).click());
    }

    String appText() {
        return browser.appText();
    }

    SimulatedTicket.Requester requesterOf(long ticketId) {
        return demo.tickets().stream().filter(ticket -> ticket.id() == ticketId).findFirst().orElseThrow().requester();
    }
}
