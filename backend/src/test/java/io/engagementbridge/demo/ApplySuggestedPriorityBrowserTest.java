package io.engagementbridge.demo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tier badge and "Apply suggested priority" as an agent uses them, with the host's open ticket as the witness. */
final class ApplySuggestedPriorityBrowserTest {
    private static final long ADA = 101;
    private static final long GRACE = 102;
    private static final long ALAN = 103;
    private static final long UNKNOWN = 107;
    private static final String TIER_FIELD_ID = "360000777001";
    private static final Duration APPLIED = Duration.ofSeconds(5);

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace(Map.of("tier_ticket_field_id", TIER_FIELD_ID));

    @BeforeEach
    void openWorkspace() {
        workspace.open("");
    }

    private Button button() {
        var state = new Button[1];
        workspace.browser().inApp(() -> {
            var found = workspace.browser().driver.findElements(By.cssSelector("[data-eb-action='apply-priority']"));
            state[0] = found.isEmpty() ? null : new Button(found.get(0).isDisplayed(), found.get(0).isEnabled(), found.get(0).getText());
        });
        return state[0];
    }

    private record Button(boolean shown, boolean enabled, String label) {
    }

    private String host(String css, String attribute) {
        var element = workspace.browser().find(css);
        return element == null ? null : element.getDomAttribute(attribute);
    }

    @Test
    void the_badge_with_its_reason_is_the_first_thing_in_the_profile() {
        workspace.openTicket(ADA, "profile");
        assertThat(workspace.appText()).startsWith("VIP · LTV $12,845.50 ≥ $5,000\nSuggested priority: Urgent");
        workspace.openTicket(ALAN, "profile");
        assertThat(workspace.appText()).startsWith("Standard · No higher tier matched\nSuggested priority: Normal");
    }

    @Test
    void an_unknown_customer_gets_no_badge_and_no_button() {
        workspace.openTicket(UNKNOWN, "not-found");
        assertThat(workspace.appText()).contains("No Engagement customer found").doesNotContain("Suggested priority");
        assertThat(button()).isNull();
    }

    @Test
    void apply_sets_priority_tag_and_tier_field_on_the_open_ticket_then_disables_itself() {
        workspace.openTicket(GRACE, "profile");
        assertThat(workspace.appText()).contains("High value · LTV $3,420.75 ≥ $1,000");
        assertThat(host("#ticket-priority", "data-priority")).isEqualTo("normal");
        workspace.browser().await("the apply button to be ready", APPLIED, () -> button() != null && button().enabled());

        workspace.clickInApp("[data-eb-action='apply-priority']");

        workspace.browser().await("the host ticket to be high priority", APPLIED, () -> "high".equals(host("#ticket-priority", "data-priority")));
        assertThat(Arrays.asList(host("#ticket-tags", "data-tags").split(" "))).contains("cdp_tier_2_high");
        assertThat(host(".sim-custom-field[data-field-id='" + TIER_FIELD_ID + "']", "data-value")).isEqualTo("cdp_tier_2_high");
        workspace.browser().await("the button to say it is applied", APPLIED, () -> !button().enabled());
        assertThat(button()).isEqualTo(new Button(true, false, "Suggested priority applied"));
    }

    @Test
    void a_ticket_that_already_carries_the_suggestion_shows_the_button_disabled() {
        workspace.openTicket(GRACE, "profile");
        workspace.browser().await("the apply button to be ready", APPLIED, () -> button() != null && button().enabled());
        workspace.clickInApp("[data-eb-action='apply-priority']");
        workspace.browser().await("the host ticket to be high priority", APPLIED, () -> "high".equals(host("#ticket-priority", "data-priority")));

        workspace.openTicket(ALAN, "profile");
        workspace.openTicket(GRACE, "profile");
        workspace.browser().await("the button to know the ticket has it", APPLIED, () -> button() != null && button().shown() && !button().enabled());
        assertThat(button().label()).isEqualTo("Suggested priority applied");
    }

    @Test
    void the_user_sidebar_shows_the_badge_but_no_apply_button() {
        workspace.openTicket(GRACE, "profile");
        workspace.browser().find("#view-requester").click();
        workspace.awaitSidebar("user_sidebar", "profile");
        assertThat(workspace.appText()).contains("High value · LTV $3,420.75 ≥ $1,000");
        assertThat(button().shown()).isFalse();
    }
}
