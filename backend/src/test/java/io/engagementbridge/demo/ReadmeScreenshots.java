package io.engagementbridge.demo;

import io.engagementbridge.priority.ProvisionConnection;
import io.engagementbridge.relay.RelaySender;
import io.engagementbridge.relay.RelaySweep;
import io.engagementbridge.relay.SweepLog;
import io.engagementbridge.work.WorkState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not part of the suite (the name ends in neither Test nor Tests): {@code mvn -B -o test -pl backend -am -Pscreenshots}
 * drives the demo in headless Chromium as a newcomer would and writes the README's PNGs into {@code docs/} and the
 * Marketplace listing's into {@code assets/}: the sidebar on a VIP's ticket, the queue with a priority applied, the admin page.
 */
final class ReadmeScreenshots {
    private static final long VIP_TICKET = 101;
    private static final Path REPO = Path.of(System.getProperty("screenshots.repo", ".."));
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();

    @Test
    void writes_the_readme_and_marketplace_screenshots() throws IOException {
        var browser = workspace.browser();
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
        workspace.open("");
        workspace.openTicket(VIP_TICKET, "profile");
        shot("docs/sidebar-vip.png", "assets/screenshot-0.png");

        browser.await("the apply button", WAIT, () -> {
            var ready = new boolean[1];
            browser.inApp(() -> ready[0] = browser.find("[data-eb-action='apply-priority']:not([disabled])") != null);
            return ready[0];
        });
        workspace.clickInApp("[data-eb-action='apply-priority']");
        browser.await("the ticket to be urgent", WAIT, () -> browser.find("#ticket-priority[data-priority='urgent']"));
        browser.find("#refresh-queue").click();
        shot("docs/prioritised-queue.png", "assets/screenshot-1.png");

        // An admin's view with something to act on: provisioning once ran with tier rules that do not parse.
        var page = new AdminPage(workspace);
        var connection = page.connected();
        var writeSide = workspace.demo().writeSide();
        var settings = connection.settings().deepCopy();
        settings.put("priority_rules", "[{\"name\": \"VIP\", \"priority\": \"very urgent\"}]");
        writeSide.connectionRepository().updateSettings(connection.id(), settings);
        writeSide.work().enqueue(ProvisionConnection.work(connection.id(), "screenshot"), Instant.now());
        browser.await("a dead letter", WAIT, () -> writeSide.work().items(connection.id(), WorkState.DEAD, 1).isEmpty() ? null : true);
        // An audience import with two rows Zendesk cannot take, through the imports API.
        var flows = new DemoFlows(workspace);
        flows.importCsv(flows.inboundToken(connection), List.of("userId", "email", "name", "eb_ltv"), List.of(
                List.of("cust-1001", "mia.moreau@example.com", "Mia Moreau", "2450.50"),
                List.of("cust-1002", "noah.becker@example.com", "Noah Becker", "lots"),
                List.of("cust-1003", "emma.rossi@example.com", "Emma Rossi", "880"),
                List.of("", "", "Unknown Row", "10")));
        // A ticket event Engagement refuses, then the relay's catch-up sweep.
        workspace.demo().engagement().setEventRefusal("Event property subject is not allowed by this project's event schema.");
        try {
            flows.createTicket(page, connection, "Order #4411 arrived damaged", "Lea Novak", "lea.novak@example.com");
            browser.await("a relay dead letter", WAIT, () -> writeSide.work().deadLetters(connection.id(), RelaySender.EVENT_KINDS, 1).isEmpty() ? null : true);
        } finally {
            workspace.demo().engagement().setEventRefusal(null);
        }
        writeSide.work().enqueue(RelaySweep.once(connection.id(), Instant.now().minus(Duration.ofHours(1)), "screenshot"), Instant.now());
        var sweeps = new SweepLog(writeSide.database());
        browser.await("the sweep", WAIT, () -> sweeps.last(connection.id()).orElse(null));
        page.open("");
        shot("assets/screenshot-2.png");
        // The README shows the whole page: a window tall enough for every panel.
        browser.driver.manage().window().setSize(new Dimension(1280, 3900));
        page.refresh();
        shot("docs/admin-page.png");
    }

    private static void shot(String... files) throws IOException {
        var png = workspace.browser().driver.getScreenshotAs(OutputType.BYTES);
        assertThat(png.length).isGreaterThan(10_000);
        for (var file : files) {
            var path = REPO.resolve(file);
            Files.createDirectories(path.getParent());
            Files.write(path, png);
        }
    }
}
