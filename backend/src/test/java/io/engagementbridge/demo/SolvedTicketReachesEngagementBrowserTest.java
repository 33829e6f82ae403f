package io.engagementbridge.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue H in the demo: once Zendesk is connected, an agent solves a ticket in the workspace and, without touching the
 * sidebar, sees its support_ticket event among the requester's recent interactions, relayed to the Engagement simulator
 * by the bridge (trigger, signed webhook, relay) while the profile was cached from before.
 */
final class SolvedTicketReachesEngagementBrowserTest {
    private static final Duration RELAYED = Duration.ofSeconds(12);

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();

    @Test
    void a_solved_ticket_appears_in_the_requesters_recent_interactions_and_once_in_engagement() {
        new AdminPage(workspace).connected();
        var ticket = workspace.demo().tickets().get(0);
        var browser = workspace.browser();
        workspace.openTicket(ticket.id(), "profile");
        assertThat(relayedLines(ticket.subject())).isEmpty();

        browser.find("#solve-ticket").click();
        browser.await("the workspace saying the ticket is solved", Duration.ofSeconds(5),
                () -> browser.find("#solve-status[data-status='200']") != null ? true : null);
        assertThat(browser.find("#solve-status").getText()).contains("solved", "on its way to Engagement");
        assertThat(browser.find("#solve-ticket").isEnabled()).isFalse();

        var shown = browser.await("the solved ticket in the sidebar's recent interactions", RELAYED, () -> {
            var lines = relayedLines(ticket.subject());
            return lines.isEmpty() ? null : lines;
        });
        assertThat(shown).singleElement().asString().contains("Status: solved");

        var stored = workspace.demo().engagement().trackedEvents().stream()
                .filter(event -> event.eventType().equals("support_ticket") && event.properties().get("ticket_id").equals((int) ticket.id()))
                .toList();
        assertThat(stored).singleElement().satisfies(event -> {
            assertThat(event.customerIds()).isEqualTo(Map.of("registered", ticket.requester().email().toLowerCase(Locale.ROOT)));
            assertThat(event.properties()).containsEntry("action", "solved").containsEntry("status", "solved")
                    .containsEntry("subject", ticket.subject());
        });
    }

    /** The sidebar's recent-interaction lines that are this ticket's support_ticket event. */
    private List<String> relayedLines(String subject) {
        var lines = new String[1][];
        workspace.browser().inApp(() -> lines[0] = workspace.browser().driver.findElements(By.cssSelector(".eb-events .eb-event")).stream()
                .map(element -> element.getText().replace('\u00a0', ' ')).toArray(String[]::new));
        return List.of(lines[0]).stream().filter(line -> line.startsWith("Support ticket") && line.contains("Subject: " + subject)).toList();
    }
}
