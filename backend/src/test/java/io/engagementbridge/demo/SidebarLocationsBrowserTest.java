package io.engagementbridge.demo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The user and new-ticket sidebars, and the refresh button, as an agent uses them in the workspace. */
final class SidebarLocationsBrowserTest {
    // Each test has a requester of its own, so no test finds another's profile in the backend's cache.
    private static final long USER_SIDEBAR_TICKET = 102;
    private static final long NEW_TICKET_REQUESTER_TICKET = 103;
    private static final long REFRESHED_TICKET = 105;

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();

    @BeforeEach
    void openWorkspace() {
        workspace.open("");
    }

    @Test
    void view_requester_profile_opens_the_user_sidebar_with_the_requesters_profile() {
        var requester = workspace.requesterOf(USER_SIDEBAR_TICKET);
        workspace.openTicket(USER_SIDEBAR_TICKET, "profile");
        workspace.browser().find("#view-requester").click();
        workspace.awaitSidebar("user_sidebar", "profile");
        assertThat(workspace.browser().find("#ticket-view article[data-user-id='" + requester.id() + "']")).isNotNull();
        assertThat(workspace.appText()).contains(requester.name(), "Lifetime value", "$3,420.75", "Loyalty tier", "Gold");
    }

    @Test
    void the_new_ticket_sidebar_asks_for_a_requester_then_shows_the_one_chosen() {
        var requester = workspace.requesterOf(NEW_TICKET_REQUESTER_TICKET);
        workspace.browser().find("#new-ticket").click();
        workspace.awaitSidebar("new_ticket_sidebar", "no-requester");
        assertThat(workspace.appText()).contains("Choose a requester to see their Engagement profile.");

        workspace.browser().find("#requester-select option[value='" + requester.id() + "']").click();
        workspace.awaitSidebar("new_ticket_sidebar", "profile");
        assertThat(workspace.appText()).contains(requester.name(), "Lifetime value", "Loyalty tier");
    }

    @Test
    void the_refresh_button_fetches_the_profile_from_engagement_once_more() {
        var requester = workspace.requesterOf(REFRESHED_TICKET);
        var beforeFirstOpen = workspace.demo().engagement().calls();
        workspace.openTicket(REFRESHED_TICKET, "profile");
        var oneCustomer = workspace.demo().engagement().calls() - beforeFirstOpen;
        assertThat(oneCustomer).as("Engagement calls that load one customer").isPositive();

        workspace.clickInApp("[data-eb-action='refresh']");
        workspace.awaitSidebar("ticket_sidebar", "profile");

        var expected = beforeFirstOpen + 2 * oneCustomer;
        workspace.browser().await("the top bar to count " + expected + " Engagement calls", Duration.ofSeconds(5),
                () -> String.valueOf(expected).equals(workspace.browser().find("#engagement-calls").getDomAttribute("data-count")));
        assertThat(workspace.demo().engagement().calls()).isEqualTo(expected);
        assertThat(workspace.appText()).contains(requester.name(), "Lifetime value");
    }
}
