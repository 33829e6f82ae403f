package io.engagementbridge.demo;

import io.engagementbridge.cdp.MessageLog;
import io.engagementbridge.cdp.MessageStatus;
import io.engagementbridge.priority.Provisioning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workspace's "Import + stream" clicked in real Chromium: what the demo's CDP sent shows where an agent and an admin
 * look (the queue, the requester's profile, the admin page's Sync panel), and the simulated Zendesk holds it.
 */
final class ImportAndStreamBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();
    private final AdminPage page = new AdminPage(workspace);

    @Test
    void import_and_stream_put_the_new_vip_on_top_of_the_queue_show_the_written_values_on_the_profile_and_every_outcome_in_the_sync_panel() {
        var browser = workspace.browser();
        browser.runOnEveryDocument(HostileContentRendersInertTest.CANARY);
        workspace.open("");
        browser.find("#cdp-sync").click();
        browser.await("the not-connected answer", Duration.ofSeconds(10),
                () -> browser.find("#arrivals-status").getText().contains("Connect Zendesk first") ? true : null);
        var connection = page.connected();
        var upgraded = workspace.demo().tickets().get(DemoCdpSync.UPGRADED);
        var zendesk = workspace.demo().zendeskApi();
        var log = new MessageLog(workspace.demo().writeSide().database());
        workspace.open("");

        browser.find("#cdp-sync").click();

        browser.await("the import's answer", Duration.ofSeconds(10),
                () -> browser.find("#arrivals-status").getText().contains("12 rows, 2 deliberately bad") ? true : null);
        browser.await("the stream's ticket update in Zendesk and every message settled", WAIT, () -> zendesk.ticket(upgraded.id()).orElseThrow()
                .tags().contains("cdp_tier_1_vip") && log.list(connection.id(), Optional.of(MessageStatus.ACCEPTED), 100).isEmpty() ? true : null);
        var done = browser.await("the status line's account of every outcome", Duration.ofSeconds(10), () -> {
            var status = browser.find("#arrivals-status");
            return "200".equals(status.getDomAttribute("data-status")) ? status.getText() : null;
        });
        assertThat(done).startsWith("Done. Import: 10 rows written, 2 failed. ")
                .containsPattern("Stream: \\d+ messages written, 0 failed, 1 rejected\\. Ticket #" + upgraded.id() + "'s requester is now VIP\\.");
        var top = browser.await("the new VIP's ticket on top of the queue, as the workspace reads it again", Duration.ofSeconds(10), () -> {
            var first = browser.find("#ticket-list li");
            return first != null && first.getDomAttribute("data-ticket-id").equals(String.valueOf(upgraded.id())) ? first : null;
        });
        assertThat(top.findElement(By.cssSelector(".sim-priority")).getDomAttribute("data-priority")).isEqualTo("urgent");
        assertThat(top.findElement(By.cssSelector(".sim-tier")).getText()).isEqualTo("VIP");

        workspace.openTicket(upgraded.id(), null);
        browser.find("#view-requester").click();
        browser.await("the requester's profile", Duration.ofSeconds(10), () -> browser.find(".sim-user #user-tags"));
        assertThat(profileValue(Provisioning.TIER_FIELD_KEY)).isEqualTo("VIP");
        assertThat(new BigDecimal(profileValue(Provisioning.LTV_FIELD_KEY))).isEqualByComparingTo(DemoCdpSync.VIP_LTV);
        assertThat(profileValue(Provisioning.LOYALTY_FIELD_KEY)).isEqualTo("Platinum");
        assertThat(browser.find("#user-tags").getDomAttribute("data-tags").split(" ")).contains(DemoCdpSync.AUDIENCE_TAG);
        // The demo's new VIP is its hostile customer, whose imported RFM segment is markup: shown as the text Zendesk holds; nothing runs.
        var held = zendesk.user(upgraded.requester().id()).orElseThrow();
        assertThat(profileValue(Provisioning.RFM_FIELD_KEY)).contains("<").isEqualTo(held.userFields().get(Provisioning.RFM_FIELD_KEY));
        assertThat(browser.find(".sim-user h1").getText()).isEqualTo(held.name());
        assertThat((List<?>) browser.driver.executeScript("return (window.__xssHits || []).splice(0);")).as("canary calls and CSP violations").isEmpty();

        page.open("");
        var imported = page.texts(".eb-admin-imports tbody tr:first-child td");
        assertThat(imported.get(1)).isEqualTo("Finished");
        assertThat(imported.get(3)).as("rows").isEqualTo("12");
        assertThat(Integer.parseInt(imported.get(4)) + Integer.parseInt(imported.get(5))).as("written or unchanged").isEqualTo(DemoCdpSync.IMPORTED);
        assertThat(imported.get(6)).as("failed").isEqualTo("2");
        assertThat(page.texts(".eb-admin-failed-rows tbody tr")).hasSize(DemoCdpSync.BAD_ROWS);
        var states = page.texts(".eb-admin-messages tbody tr td:nth-child(3)");
        var reasons = page.texts(".eb-admin-messages tbody tr td:nth-child(4)");
        assertThat(states).as("the newest streamed messages").hasSize(10).containsOnly("Written", "Rejected");
        assertThat(reasons.get(states.indexOf("Rejected"))).contains("needs userId or traits.email");
        assertThat(page.texts(".eb-admin-messages tbody tr td:nth-child(1)")).first().isEqualTo("track");

        var vip = zendesk.user(upgraded.requester().id()).orElseThrow();
        assertThat(vip.userFields()).containsEntry(Provisioning.TIER_FIELD_KEY, "cdp_tier_1_vip").containsEntry(Provisioning.LOYALTY_FIELD_KEY, "Platinum");
        assertThat(vip.tags()).contains(DemoCdpSync.AUDIENCE_TAG);
        var firstImported = workspace.demo().engagement().customers().get(0);
        assertThat(zendesk.userByEmail(firstImported.email()).orElseThrow().userFields()).containsKey(Provisioning.TIER_FIELD_KEY);
        assertThat(zendesk.userByEmail("bad.ltv@example.com")).isEmpty();
        assertThat(zendesk.ticket(upgraded.id()).orElseThrow().priority()).isEqualTo("urgent");
    }

    /** A user field's value as the requester's profile in the workspace shows it. */
    private String profileValue(String key) {
        var shown = workspace.browser().find(".sim-user .sim-user-field[data-field-key='" + key + "']");
        return shown == null ? null : shown.getText();
    }
}
