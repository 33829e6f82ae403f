package io.engagementbridge.demo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** A German agent in Berlin, chosen through the workspace address: the backend's fragment speaks and formats German. */
final class GermanAgentBrowserTest {
    private static final long ADA = 101;
    private static final long GRACE = 102;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();

    @BeforeEach
    void openWorkspaceAsGermanAgent() {
        workspace.open("?locale=de-DE&timezone=Europe/Berlin");
    }

    @Test
    void a_german_agent_sees_the_backends_words_in_german() {
        workspace.openTicket(ADA, "profile");
        var text = workspace.appText();
        assertThat(text).contains("Zugeordnet über ", "Vollständiges Profil öffnen", "Stand: ", "Aktualisieren");
        assertThat(text).doesNotContain("Matched on", "Open full profile", "As of", "Refresh");
    }

    @Test
    void a_german_agent_sees_money_numbers_and_dates_the_german_way() {
        workspace.openTicket(ADA, "profile");
        assertThat(workspace.appText())
                .contains("12.845,50 $", "14.210", "18.11.2026", "4 %")
                .doesNotContain("$12,845.50", "14,210", "Nov 18, 2026");
    }

    @Test
    void the_as_of_time_is_given_in_the_agents_time_zone() {
        var hhmm = DateTimeFormatter.ofPattern("HH:mm");
        var before = ZonedDateTime.now(BERLIN).format(hhmm);
        workspace.openTicket(GRACE, "profile");
        var after = ZonedDateTime.now(BERLIN).format(hhmm);
        assertThat(workspace.appText()).containsAnyOf("Stand: " + before, "Stand: " + after);
    }

    @Test
    void a_german_agent_sees_the_tier_badge_and_the_apply_button_in_german() {
        workspace.openTicket(ADA, "profile");
        assertThat(workspace.appText())
                .startsWith("VIP · CLV 12.845,50 $ ≥ 5.000 $\nEmpfohlene Priorität: Dringend")
                .contains("Empfohlene Priorität übernehmen")
                .doesNotContain("Suggested priority", "Apply suggested priority");
    }
}
