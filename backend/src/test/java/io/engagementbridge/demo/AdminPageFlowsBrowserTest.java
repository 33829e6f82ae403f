package io.engagementbridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.relay.RelaySender;
import io.engagementbridge.relay.RelaySweep;
import io.engagementbridge.relay.SweepLog;
import io.engagementbridge.work.WorkState;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin page filled by real flows in the simulators: an import sent to {@code POST /v1/cdp/imports} whose bad rows
 * fail (hostile values among them), a ticket whose relayed event Engagement refuses, the Engagement test, and the
 * sidebar's Disconnect queued like the admin page's.
 */
final class AdminPageFlowsBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> HOSTILE = HostileContentRendersInertTest.PAYLOADS.subList(0, 12);
    private static final String REFUSAL = "Event type support_ticket is not allowed by this project's event schema.";

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();
    private final AdminPage page = new AdminPage(workspace);
    private final DemoFlows flows = new DemoFlows(workspace);

    @Test
    @SuppressWarnings("unchecked")
    void failed_rows_of_a_real_import_show_reason_and_fix_pick_by_reason_download_as_csv_and_hostile_values_stay_inert() throws IOException {
        workspace.browser().runOnEveryDocument(HostileContentRendersInertTest.CANARY);
        var connection = page.connected();
        var token = flows.inboundToken(connection);
        var rows = new ArrayList<List<String>>();
        rows.add(List.of("flow-1", "flow-1@example.com", "Ada Flow", "100.5"));
        rows.add(List.of("flow-2", "flow-2@example.com", "Bob Flow", "lots"));
        rows.add(List.of("flow-3", "flow-3@example.com", "Cy Flow", "many"));
        rows.add(List.of("=HYPERLINK(\"http://evil.example\")", "formula@example.com", "Formula Row", "lots"));
        rows.add(List.of("", "", "Nobody Known", "10"));
        IntStream.range(0, HOSTILE.size()).forEach(i -> rows.add(List.of(HOSTILE.get(i), "hostile-" + i + "@example.com", HOSTILE.get(i), HOSTILE.get(i))));
        var finished = flows.importCsv(token, List.of("userId", "email", "name", "eb_ltv"), rows);
        var id = finished.path("id").asText();
        var failed = new ArrayList<JsonNode>();
        finished.path("rows").forEach(row -> {
            if (row.path("outcome").asText().equals("failed")) {
                failed.add(row);
            }
        });
        assertThat(failed).as("rows Zendesk could not take").hasSizeGreaterThanOrEqualTo(4 + HOSTILE.size());
        var answersBefore = workspace.demo().zendesk().proxiedAnswers().size();

        page.open("");

        assertThat(page.text("#eb-panel-sync .eb-admin-imports")).contains("http upload", "Finished");
        var lots = failed.stream().filter(row -> row.path("user").asText().equals("flow-2")).findFirst().orElseThrow();
        assertThat(page.text("#eb-panel-sync .eb-admin-failed-rows")).contains(lots.path("reason").asText(), lots.path("fix").asText());
        var unsafe = page.pokeEveryElement();
        var hits = workspace.browser().driver.executeScript("return (window.__xssHits || []).splice(0);");
        assertThat((List<Object>) hits).as("canary calls and CSP violations").isEmpty();
        assertThat(unsafe).as("active elements or handlers in the page").isEmpty();
        assertThat(page.texts(".eb-admin-failed-rows .eb-admin-reason")).containsExactlyInAnyOrderElementsOf(failed.stream().map(r -> r.path("reason").asText()).toList());
        assertThat(page.texts(".eb-admin-failed-rows tbody tr td:nth-child(2)")).containsExactlyInAnyOrderElementsOf(failed.stream().map(r -> r.path("user").asText()).toList());

        page.refresh();
        pickReason(id, lots.path("reason").asText());
        assertThat(visibleFailedRows()).containsExactly(lots.path("reason").asText(), lots.path("reason").asText());
        page.click("[data-eb-action='import-csv'][data-import='" + id + "']");

        var answer = workspace.browser().await("the failed rows as CSV through the proxy", WAIT, () -> workspace.demo().zendesk().proxiedAnswers()
                .stream().skip(answersBefore).filter(a -> a.startsWith("row,user,reason,fix")).findFirst().orElse(null));
        var formula = failed.stream().filter(row -> row.path("user").asText().startsWith("=")).findFirst().orElseThrow();
        var records = parse(answer);
        assertThat(records).as("the rows of the picked reason, a formula opened as text").extracting(r -> r.get("user"))
                .containsExactlyInAnyOrder("flow-2", "'" + formula.path("user").asText());
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("reason")).isEqualTo(lots.path("reason").asText());
            assertThat(r.get("fix")).isEqualTo(lots.path("fix").asText());
        });
    }

    @Test
    void a_relayed_event_engagement_refused_is_a_dead_letter_that_replay_sends_once_engagement_accepts_it() {
        var connection = page.connected();
        var engagement = workspace.demo().engagement();
        var work = workspace.demo().writeSide().work();
        engagement.setEventRefusal(REFUSAL);
        try {
            var ticket = flows.createTicket(page, connection, "Parcel never arrived", "Grace Flow", "grace.flow@example.com");
            workspace.browser().await("the refused event as a dead letter", WAIT, () -> work.deadLetters(connection.id(), RelaySender.EVENT_KINDS, 10)
                    .isEmpty() ? null : true);
            // The operator's catch-up sweep (the periodic chain starts within a minute of provisioning; this one runs now).
            work.enqueue(RelaySweep.once(connection.id(), Instant.now().minus(Duration.ofMinutes(10)), "admin-page-test-" + ticket), Instant.now());
            var sweeps = new SweepLog(workspace.demo().writeSide().database());
            workspace.browser().await("the sweep", WAIT, () -> sweeps.last(connection.id()).orElse(null));

            page.open("");

            assertThat(page.text("#eb-alerts")).contains("Work items that failed for good");
            assertThat(page.text("#eb-panel-relay .eb-admin-dead-letters")).contains("Engagement refused the event: " + REFUSAL);
            assertThat(page.text("#eb-admin-sweep")).containsPattern("Last sweep .+: looked at \\d+ ticket events since .+, re-sent \\d+ the webhooks had missed\\.");
            assertThat(storedFor(ticket)).isEmpty();
            engagement.setEventRefusal(null);
            var kind = work.deadLetters(connection.id(), RelaySender.EVENT_KINDS, 10).get(0).kind();

            page.click("[data-eb-action='replay'][data-kind='" + kind + "']");

            workspace.browser().await("the event in Engagement", WAIT, () -> storedFor(ticket).isEmpty() ? null : true);
            assertThat(storedFor(ticket)).hasSize(1);
            workspace.browser().await("no dead letter left", WAIT, () -> work.items(connection.id(), WorkState.DEAD, 10).isEmpty() ? true : null);
            page.refresh();
            assertThat(page.text("#eb-panel-relay")).doesNotContain(REFUSAL);
        } finally {
            engagement.setEventRefusal(null);
        }
    }

    @Test
    void engagement_test_says_ok_or_what_to_do_next() {
        page.connected();
        page.open("");

        page.click("[data-eb-action='engagement-test']");
        workspace.browser().await("the test's answer", WAIT, () -> page.inPage("#eb-admin-engagement [data-engagement]") ? true : null);
        assertThat(page.text("#eb-admin-engagement")).contains("App settings: Credentials OK: Engagement accepted the API key for this project.")
                .doesNotContain("stored settings");

        workspace.demo().engagement().setDown(true);
        try {
            page.click("[data-eb-action='engagement-test']");
            workspace.browser().await("the failure's next step", WAIT, () -> page.inPage("#eb-admin-engagement [data-engagement='UNAVAILABLE']") ? true : null);
            assertThat(page.text("#eb-admin-engagement")).contains("App settings: Engagement is not responding properly right now; try again later.");
        } finally {
            workspace.demo().engagement().setDown(false);
        }
    }

    @Test
    void sidebar_disconnect_is_queued_and_removes_what_the_bridge_created_then_the_connection() {
        var connection = page.connected();
        var zendesk = workspace.demo().zendeskApi();
        workspace.open("");
        workspace.browser().await("the sidebar's Disconnect", WAIT, () -> inSidebar("#eb-connect [data-eb-connect='disconnect']") ? true : null);

        workspace.clickInApp("#eb-connect [data-eb-connect='disconnect']");
        workspace.clickInApp("#eb-connect [data-eb-connect='confirm-disconnect']");

        workspace.browser().await("the connection gone", WAIT,
                () -> workspace.demo().writeSide().connectionRepository().find(connection.id()).isEmpty() ? true : null);
        assertThat(zendesk.triggers()).noneMatch(t -> t.title().startsWith("Engagement Bridge: "));
        assertThat(zendesk.views()).noneMatch(v -> v.title().equals("Tickets by customer value"));
        assertThat(zendesk.userFields()).noneMatch(f -> f.key().startsWith("eb_"));
        workspace.browser().await("the sidebar offering Connect again", WAIT,
                () -> inSidebar("#eb-connect [data-eb-connect='connect']") ? true : null);
    }

    private boolean inSidebar(String css) {
        var found = new boolean[1];
        workspace.browser().inApp(() -> found[0] = workspace.browser().find(css) != null);
        return found[0];
    }

    /** Picks a reason in an import's picker as the keyboard would: the value changes, then "change" fires. */
    private void pickReason(String importId, String reason) {
        workspace.browser().inApp(() -> workspace.browser().driver.executeScript("var picker = document.querySelector(arguments[0]);"
                + "picker.value = arguments[1]; picker.dispatchEvent(new Event('change', { bubbles: true }));",
                "[data-eb-reason='" + importId + "']", reason));
    }

    private List<String> visibleFailedRows() {
        var reasons = new ArrayList<String>();
        workspace.browser().inApp(() -> workspace.browser().driver.findElements(By.cssSelector(".eb-admin-failed-rows tbody tr")).stream()
                .filter(row -> row.isDisplayed()).forEach(row -> reasons.add(row.findElement(By.cssSelector(".eb-admin-reason")).getText())));
        return reasons;
    }

    private List<io.engagementbridge.demo.engagement.TrackedEvent> storedFor(long ticketId) {
        return workspace.demo().engagement().trackedEvents().stream().filter(e -> e.eventType().equals("support_ticket")
                && String.valueOf(ticketId).equals(String.valueOf(e.properties().get("ticket_id")))).toList();
    }

    private static List<CSVRecord> parse(String csv) {
        try (var parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
