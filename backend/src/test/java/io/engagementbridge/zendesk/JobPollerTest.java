package io.engagementbridge.zendesk;

import io.engagementbridge.ManualClock;
import io.engagementbridge.App;
import io.engagementbridge.zendesk.RowOutcome.Outcome;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.engagementbridge.zendesk.ZendeskFixtures.NOW;
import static io.engagementbridge.zendesk.ZendeskFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

final class JobPollerTest {
    private static final String JOB = "8b726e606741012ffc2d782bcb7848fe";

    @StartStop
    private final MockWebServer zendesk = new MockWebServer();
    private final ManualClock clock = new ManualClock(NOW);
    private final List<Duration> pauses = new ArrayList<>();

    private JobPoller poller() {
        var client = ZendeskFixtures.client(zendesk, new ZendeskAuth.ApiToken("admin@acme.example", ZendeskFixtures.API_TOKEN),
                new InMemoryTokenVault(), ResponseObserver.NONE, clock);
        var governor = new Governor("acme", 700, new InMemoryGovernorLedger(), clock);
        return new JobPoller(client, governor, clock, pause -> {
            pauses.add(pause);
            clock.advance(pause);
        });
    }

    private static String job(String status, String results) {
        return "{\"job_statuses\":[{\"id\":\"" + JOB + "\",\"status\":\"" + status + "\",\"total\":3,\"progress\":" + (results == null ? 0 : 3)
                + ",\"message\":" + (status.equals("completed") ? "\"Completed at 2026-11-21 10:15:09 +0000\"" : "null")
                + ",\"results\":" + (results == null ? "null" : results) + "}]}";
    }

    @Test
    void job_is_polled_with_growing_pauses_until_completed_and_each_result_lands_on_its_row_in_order() throws Exception {
        zendesk.enqueue(json(200, job("queued", null)));
        zendesk.enqueue(json(200, job("working", null)));
        zendesk.enqueue(json(200, job("completed", "[{\"id\":380,\"status\":\"Created\",\"external_id\":\"u0\"},"
                + "{\"id\":2,\"error\":\"UserUpdateError\",\"details\":\"Name: Email: error@example.com_ is not properly formatted\",\"status\":\"Failed\"},"
                + "{\"action\":\"update\",\"id\":381,\"status\":\"Updated\",\"success\":true}]")));

        var rows = poller().awaitRows(JOB, 3, Duration.ofMinutes(10)).orElseThrow();

        assertThat(rows).containsExactly(
                new RowOutcome(0, Outcome.CREATED, 380L, null, null),
                new RowOutcome(1, Outcome.FAILED, 2L, "UserUpdateError", "Name: Email: error@example.com_ is not properly formatted"),
                new RowOutcome(2, Outcome.UPDATED, 381L, null, null));
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        var poll = zendesk.takeRequest();
        assertThat(poll.getUrl().encodedPath()).isEqualTo("/api/v2/job_statuses/show_many");
        assertThat(poll.getUrl().queryParameter("ids")).isEqualTo(JOB);
    }

    @Test
    void results_that_name_their_index_land_on_that_row() {
        var status = JobStatus.from(App.mapper().valueToTree(java.util.Map.of("id", JOB, "status", "completed", "results", List.of(
                java.util.Map.of("index", 1, "id", 11, "status", "Updated"),
                java.util.Map.of("index", 0, "id", 10, "status", "Created")))));

        assertThat(RowOutcome.of(status, 2)).extracting(RowOutcome::userId).containsExactly(10L, 11L);
    }

    @Test
    void killed_job_leaves_the_rows_it_never_reached_missing() throws Exception {
        zendesk.enqueue(json(200, "{\"job_statuses\":[{\"id\":\"" + JOB + "\",\"status\":\"killed\",\"total\":3,\"progress\":1,\"message\":\"Killed by system\","
                + "\"results\":[{\"id\":5,\"status\":\"Updated\"}]}]}"));

        var rows = poller().awaitRows(JOB, 3, Duration.ofMinutes(10)).orElseThrow();

        assertThat(rows).extracting(RowOutcome::outcome).containsExactly(Outcome.UPDATED, Outcome.MISSING, Outcome.MISSING);
        assertThat(rows.get(2).details()).contains("killed", "Killed by system");
    }

    @Test
    void a_job_still_running_when_patience_ends_gives_no_rows_yet() throws Exception {
        for (int i = 0; i < 10; i++) {
            zendesk.enqueue(json(200, job("working", null)));
        }

        assertThat(poller().awaitRows(JOB, 3, Duration.ofSeconds(20))).isEmpty();
        assertThat(clock.instant()).isBefore(NOW.plusSeconds(20));
    }
}
