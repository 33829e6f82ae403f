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
    private static final Duration SIDEBAR = Duration.ofSeconds(10);

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
        var started = System.nanoTime();
        browser.find("#ticket-list li[data-ticket-id='" + id + "']").click();
        awaitSidebar("ticket_sidebar", expectedState);
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    /** Waits until the app iframe at {@code location} shows a fragment in {@code state} (null: any) and is not busy. */
    void awaitSidebar(String location, String state) {
        var fragment = state == null ? ".eb-sidebar" : ".eb-sidebar[data-state='" + state + "']";
        browser.await("a " + (state == null ? "" : state + " ") + "sidebar in " + location, SIDEBAR, () -> {
            var frame = browser.find("#app-frame");
            if (frame == null || !location.equals(frame.getDomAttribute("data-location"))) {
                return false;
            }
            var shown = new boolean[1];
            browser.inApp(() -> shown[0] = browser.find("#eb-root[aria-busy='false'] " + fragment) != null);
            return shown[0];
        });
    }

    /** Clicks the first element matching {@code css} inside the app iframe. */
    void clickInApp(String css) {
        browser.inApp(() -> browser.driver.findElement(By.cssSelector(css)).click());
    }

    /** The app's visible text, with no-break spaces as plain spaces. */
    String appText() {
        var text = new String[1];
        browser.inApp(() -> text[0] = browser.driver.findElement(By.id("eb-root")).getText());
        return text[0].replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    SimulatedTicket.Requester requesterOf(long ticketId) {
        return demo.tickets().stream().filter(ticket -> ticket.id() == ticketId).findFirst().orElseThrow().requester();
    }
}
