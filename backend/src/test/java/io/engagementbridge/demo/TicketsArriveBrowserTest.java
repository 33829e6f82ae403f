package io.engagementbridge.demo;

import io.engagementbridge.demo.zendeskapi.Ticket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's "100 tickets arrive": after connecting Zendesk, a burst of tickets lands and the queue orders itself by customer value. */
final class TicketsArriveBrowserTest {
    private static final List<String> PRIORITIES = List.of("urgent", "high", "normal", "low", "");

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();

    @Test
    void a_hundred_tickets_arrive_and_the_queue_shows_them_ordered_by_priority_and_tier() {
        var browser = workspace.browser();
        workspace.open("");
        browser.find("#tickets-arrive").click();
        browser.await("the not-connected answer", Duration.ofSeconds(5),
                () -> browser.find("#arrivals-status").getText().contains("Connect Zendesk first") ? true : null);

        connectZendesk();
        browser.find("#tickets-arrive").click();

        var zendesk = workspace.demo().zendeskApi();
        var before = workspace.demo().tickets().size();
        browser.await("100 tickets in Zendesk, each handled", Duration.ofSeconds(60), () -> zendesk.tickets().size() >= before + 100
                && burst(zendesk.tickets()).stream().filter(t -> t.requesterId() > 0).allMatch(this::settled) ? true : null);
        browser.find("#refresh-queue").click();
        browser.await("the queue reordered on screen", Duration.ofSeconds(20), () -> {
            var shown = shownPriorities();
            return shown.size() >= before + 100 && isOrdered(shown) && shown.get(0).equals("urgent") ? true : null;
        });
        @SuppressWarnings("unchecked")
        var tiers = (List<String>) browser.driver.executeScript("return Array.from(document.querySelectorAll('#ticket-list .sim-tier'))"
                + ".map(function (e) { return e.textContent; });");
        assertThat(tiers).contains("VIP", "Standard");
        assertThat(burst(zendesk.tickets())).filteredOn(t -> t.tags().stream().anyMatch(tag -> tag.startsWith("cdp_tier_")))
                .hasSizeGreaterThanOrEqualTo(80);
        assertThat(zendesk.stats().rateLimited()).isEmpty();
    }

    /** Tiered (by a trigger or the bridge), or from a stranger to Engagement, whose ticket keeps no priority. */
    private boolean settled(Ticket ticket) {
        var tiered = ticket.tags().stream().anyMatch(tag -> tag.startsWith("cdp_tier_"));
        var stranger = workspace.demo().zendeskApi().user(ticket.requesterId()).map(u -> u.email().contains("@unknown.example")).orElse(false);
        return tiered || stranger;
    }

    private static List<Ticket> burst(List<Ticket> tickets) {
        return tickets.stream().filter(t -> t.id() > 107).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> shownPriorities() {
        return (List<String>) workspace.browser().driver.executeScript("return Array.from(document.querySelectorAll('#ticket-list .sim-priority'))"
                + ".map(function (e) { return e.getAttribute('data-priority'); });");
    }

    private static boolean isOrdered(List<String> priorities) {
        for (int i = 1; i < priorities.size(); i++) {
            if (PRIORITIES.indexOf(priorities.get(i)) < PRIORITIES.indexOf(priorities.get(i - 1))) {
                return false;
            }
        }
        return true;
    }

    private void connectZendesk() {
        var browser = workspace.browser();
        var workspaceWindow = browser.driver.getWindowHandle();
        browser.await("the Connect Zendesk button", Duration.ofSeconds(10), () -> {
            var text = new String[1];
            browser.inApp(() -> text[0] = browser.driver.findElement(By.id("eb-connect")).getText());
            return text[0].contains("Connect Zendesk") ? true : null;
        });
        workspace.clickInApp("[data-eb-connect='connect']");
        browser.await("Zendesk's approval tab", Duration.ofSeconds(10), () -> browser.driver.getWindowHandles().size() == 2 ? true : null);
        var approval = browser.driver.getWindowHandles().stream().filter(h -> !h.equals(workspaceWindow)).findFirst().orElseThrow();
        browser.driver.switchTo().window(approval);
        browser.await("the Allow button", Duration.ofSeconds(10), () -> browser.driver.findElements(By.id("allow")).isEmpty() ? null : true);
        browser.driver.findElement(By.id("allow")).click();
        browser.await("the connected page", Duration.ofSeconds(10),
                () -> browser.driver.findElement(By.tagName("body")).getText().contains("Connected to Zendesk") ? true : null);
        browser.closeOtherWindows(workspaceWindow);
        var connections = workspace.demo().writeSide().connectionRepository();
        browser.await("the account provisioned", Duration.ofSeconds(30), () -> connections.list().stream()
                .anyMatch(c -> c.settings().path("provisioned").has("ticket_field") && c.settings().path("provisioned").has("webhook")) ? true : null);
    }
}
