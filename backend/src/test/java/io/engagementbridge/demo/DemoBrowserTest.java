package io.engagementbridge.demo;

import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.demo.engagement.SimulatedProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();
    private static PrintStream originalErr;
    private static PrintStream originalOut;
    private static Demo demo;
    private static BrowserSession browser;

    @BeforeAll
    static void start() throws Exception {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        demo = Demo.start(BridgeConfig.forLoopback(0), 0, 0);
        browser = new BrowserSession();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
            if (demo != null) {
                demo.stop();
            }
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
    }

    @BeforeEach
    void openWorkspace() {
        browser.driver.get(demo.zendeskUrl());
        browser.await("the ticket list", Duration.ofSeconds(10), () -> browser.find("#ticket-list li[data-ticket-id='" + ADA + "']"));
    }

    @Test
    void opening_a_ticket_shows_the_requesters_ltv_rfm_and_loyalty_within_two_seconds() throws Exception {
        var millis = browser.openTicket(ADA, "profile");
        var text = browser.appText();
        assertThat(text).contains("Ada Lovelace", "Lifetime value", "$12,845.50", "RFM segment", "Champions", "Loyalty tier", "Platinum");
        assertThat(text.indexOf("Lifetime value")).isLessThan(text.indexOf("First name"));
        assertThat(millis).isLessThan(2000);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/demo-ticket.png"), browser.driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void the_app_asks_zendesk_to_resize_its_iframe_to_the_content() {
        browser.openTicket(GRACE, "profile");
        var frame = browser.find("#app-frame");
        var height = browser.await("a resize to the content's height", Duration.ofSeconds(5), () -> {
            var last = frame.getDomAttribute("data-last-height");
            return last != null && Integer.parseInt(last.replace("px", "")) > 200 ? last : null;
        });
        assertThat(Integer.parseInt(frame.getDomAttribute("data-resize-count"))).isPositive();
        assertThat(frame.getRect().getHeight()).isEqualTo(Integer.parseInt(height.replace("px", "")));
    }

    @Test
    void a_requester_unknown_to_engagement_gets_the_not_found_message() {
        browser.openTicket(UNKNOWN, "not-found");
        assertThat(browser.appText()).contains("No Engagement customer found", DemoTickets.UNKNOWN_EMAIL);
    }

    @Test
    void reopening_a_ticket_does_not_call_engagement_again() {
        browser.openTicket(ALAN, "profile");
        var callsAfterFirstOpen = demo.engagement().calls();
        browser.openTicket(GRACE, "profile");
        var callsBeforeReopen = demo.engagement().calls();
        browser.openTicket(ALAN, "profile");
        assertThat(browser.appText()).contains("Alan Turing");
        assertThat(demo.engagement().calls()).isEqualTo(callsBeforeReopen).isGreaterThanOrEqualTo(callsAfterFirstOpen);
    }

    @Test
    void secrets_stay_on_the_server_and_placeholders_are_never_resolved_in_the_browser() {
        browser.openTicket(ADA, "profile");
        var hostPage = browser.driver.getPageSource();
        var appPage = new String[1];
        browser.inApp(() -> appPage[0] = browser.driver.getPageSource());
        assertThat(hostPage + appPage[0]).doesNotContain(SimulatedProject.KEY_SECRET, SimulatedProject.KEY_ID);
        var sent = demo.zendesk().proxiedRequests();
        assertThat(sent).isNotEmpty().allSatisfy(options -> {
            assertThat(options.path("secure").asBoolean()).isTrue();
            assertThat(options.path("headers").path("X-Engagement-Key-Secret").asText()).isEqualTo("{{setting.engagement_api_key_secret}}");
            assertThat(options.path("headers").path("X-Engagement-Key-Id").asText()).isEqualTo("{{setting.engagement_api_key_id}}");
            assertThat(options.toString()).doesNotContain(SimulatedProject.KEY_SECRET);
        });
    }

    @Test
    void backend_logs_name_requests_but_never_a_secret() {
        browser.openTicket(ADA, "profile");
        var logs = LOGS.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("POST /sidebar 200").doesNotContain(SimulatedProject.KEY_SECRET, SimulatedProject.KEY_ID);
    }

    /** Copies console output into LOGS while still printing it. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            original.write(b);
            synchronized (LOGS) {
                LOGS.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            original.write(b, off, len);
            synchronized (LOGS) {
                LOGS.write(b, off, len);
            }
        }
    }
}
