package io.engagementbridge.demo;

import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.logging.SecretLeakGuard;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.OutputType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The product as an agent sees it: real SDK, real Chromium, real HTTP between all parts. */
final class DemoBrowserTest {
    private static final long ADA = 101;
    private static final long GRACE = 102;
    private static final long ALAN = 103;
    private static final long UNKNOWN = 107;
    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();

    @BeforeEach
    void openWorkspace() {
        workspace.open("");
    }

    @Test
    void opening_a_ticket_shows_the_requesters_ltv_rfm_and_loyalty_within_two_seconds() throws Exception {
        var millis = workspace.openTicket(ADA, "profile");
        var text = workspace.appText();
        assertThat(text).contains("Ada Lovelace", "Lifetime value", "$12,845.50", "RFM segment", "Champions", "Loyalty tier", "Platinum");
        assertThat(text.indexOf("Lifetime value")).isLessThan(text.indexOf("First name"));
        assertThat(millis).isLessThan(2000);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/demo-ticket.png"), workspace.browser().driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void the_app_asks_zendesk_to_resize_its_iframe_to_the_content() {
        workspace.openTicket(GRACE, "profile");
        var frame = workspace.browser().find("#app-frame");
        var height = workspace.browser().await("a resize to the content's height", Duration.ofSeconds(5), () -> {
            var last = frame.getDomAttribute("data-last-height");
            return last != null && Integer.parseInt(last.replace("px", "")) > 200 ? last : null;
        });
        assertThat(Integer.parseInt(frame.getDomAttribute("data-resize-count"))).isPositive();
        assertThat(frame.getRect().getHeight()).isEqualTo(Integer.parseInt(height.replace("px", "")));
    }

    @Test
    void a_requester_unknown_to_engagement_gets_the_not_found_message() {
        workspace.openTicket(UNKNOWN, "not-found");
        assertThat(workspace.appText()).contains("No Engagement customer found", DemoTickets.UNKNOWN_EMAIL);
    }

    @Test
    void reopening_a_ticket_does_not_call_engagement_again() {
        workspace.openTicket(ALAN, "profile");
        var callsAfterFirstOpen = workspace.demo().engagement().calls();
        workspace.openTicket(GRACE, "profile");
        var callsBeforeReopen = workspace.demo().engagement().calls();
        workspace.openTicket(ALAN, "profile");
        assertThat(workspace.appText()).contains("Alan Turing");
        assertThat(workspace.demo().engagement().calls()).isEqualTo(callsBeforeReopen).isGreaterThanOrEqualTo(callsAfterFirstOpen);
    }

    @Test
    void secrets_stay_on_the_server_and_placeholders_are_never_resolved_in_the_browser() {
        workspace.openTicket(ADA, "profile");
        var hostPage = workspace.browser().driver.getPageSource();
        var appPage = new String[1];
        workspace.browser().inApp(() -> appPage[0] = workspace.browser().driver.getPageSource());
        assertThat(hostPage + appPage[0]).doesNotContain(SimulatedProject.KEY_SECRET, SimulatedProject.KEY_ID);
        var sent = workspace.demo().zendesk().proxiedRequests();
        assertThat(sent).isNotEmpty().allSatisfy(options -> {
            assertThat(options.path("secure").asBoolean()).isTrue();
            assertThat(options.path("headers").path("X-Engagement-Key-Secret").asText()).isEqualTo("{{setting.engagement_api_key_secret}}");
            assertThat(options.path("headers").path("X-Engagement-Key-Id").asText()).isEqualTo("{{setting.engagement_api_key_id}}");
            assertThat(options.toString()).doesNotContain(SimulatedProject.KEY_SECRET);
        });
    }

    @Test
    void backend_logs_name_requests_but_never_a_secret() {
        workspace.openTicket(ADA, "profile");
        var logs = SecretLeakGuard.captured();
        assertThat(logs).contains("POST /sidebar 200").doesNotContain(SimulatedProject.KEY_SECRET, SimulatedProject.KEY_ID);
    }

    @Test
    @SuppressWarnings("unchecked")
    void nothing_sticks_out_sideways_at_the_narrowest_sidebar_width() {
        workspace.openTicket(ADA, "profile");
        var browser = workspace.browser();
        browser.driver.executeScript("arguments[0].style.width = '240px'", browser.find("#app-frame"));
        var layout = new java.util.Map[1];
        browser.await("the app laid out at 240px", Duration.ofSeconds(5), () -> {
            browser.inApp(() -> layout[0] = (java.util.Map<String, Object>) browser.driver.executeScript("""
                    var width = document.documentElement.clientWidth, outside = [];
                    document.querySelectorAll('#eb-root *').forEach(function (el) {
                      var box = el.getBoundingClientRect();
                      if (box.width > 0 && (box.right > width + 1 || box.left < -1)) outside.push(el.tagName + '.' + el.className);
                    });
                    return {width: width, outside: outside};"""));
            return ((Number) layout[0].get("width")).intValue() <= 240;
        });
        assertThat((java.util.List<String>) layout[0].get("outside")).as("elements wider than the sidebar").isEmpty();
    }
}
