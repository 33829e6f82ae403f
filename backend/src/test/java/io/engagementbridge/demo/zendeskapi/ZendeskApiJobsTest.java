package io.engagementbridge.demo.zendeskapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ZendeskApiJobsTest {
    /** Queued 1 s; a full job of 100 rows works 50 s, so a job of 4 rows works 2 s. */
    private final SimulatorHarness zendesk = new SimulatorHarness(SimulatorLimits.defaults().withJobTimings(Duration.ofSeconds(1), Duration.ofSeconds(50)));

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void bulk_job_goes_queued_working_completed_and_reports_rows_in_request_order_with_the_failed_one() {
        zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Existing\",\"external_id\":\"c2\"}}");
        var submitted = zendesk.post("/api/v2/users/create_or_update_many.json", "{\"users\":["
                + "{\"name\":\"Ada\",\"external_id\":\"c1\"},"
                + "{\"external_id\":\"c2\",\"notes\":\"updated\"},"
                + "{\"email\":\"error@example.com_\",\"name\":\"Broken\"},"
                + "{\"name\":\"Grace\",\"email\":\"grace@example.com\"}]}");
        assertThat(submitted.code()).isEqualTo(200);
        var job = submitted.json().get("job_status");
        assertThat(job.get("status").asText()).isEqualTo("queued");
        var id = job.get("id").asText();
        assertThat(zendesk.simulator.userByExternalId("c1")).isEmpty();

        zendesk.clock.advance(Duration.ofSeconds(2));
        assertThat(zendesk.get("/api/v2/job_statuses/" + id + ".json").json().at("/job_status/status").asText()).isEqualTo("working");
        assertThat(zendesk.simulator.userByExternalId("c1")).isEmpty();

        zendesk.clock.advance(Duration.ofSeconds(1));
        var done = zendesk.get("/api/v2/job_statuses/show_many.json?ids=" + id + ",unknown").json().at("/job_statuses/0");
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("progress").asInt()).isEqualTo(4);
        var results = done.get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("status").asText()).isEqualTo("Created");
        assertThat(results.get(0).get("external_id").asText()).isEqualTo("c1");
        assertThat(results.get(1).get("status").asText()).isEqualTo("Updated");
        assertThat(results.get(2).get("status").asText()).isEqualTo("Failed");
        assertThat(results.get(2).get("index").asInt()).isEqualTo(2);
        assertThat(results.get(2).get("details").asText()).isEqualTo("Email: error@example.com_ is not properly formatted");
        assertThat(results.get(3).get("status").asText()).isEqualTo("Created");
        assertThat(results.get(3).get("email").asText()).isEqualTo("grace@example.com");
        assertThat(zendesk.simulator.userByExternalId("c2").orElseThrow().notes()).isEqualTo("updated");
        assertThat(zendesk.simulator.userByEmail("grace@example.com")).isPresent();
        assertThat(zendesk.simulator.users()).hasSize(3);
    }

    @Test
    void a_job_of_fewer_rows_works_its_share_of_a_full_jobs_time_and_finishes_sooner() {
        var half = zendesk.post("/api/v2/users/create_or_update_many", users("h", 50)).json().at("/job_status/id").asText();
        var full = zendesk.post("/api/v2/users/create_or_update_many", users("f", 100)).json().at("/job_status/id").asText();

        zendesk.clock.advance(Duration.ofSeconds(26));
        assertThat(status(half)).isEqualTo("completed");
        assertThat(status(full)).isEqualTo("working");
        assertThat(zendesk.simulator.userByExternalId("h49")).isPresent();
        assertThat(zendesk.simulator.userByExternalId("f0")).isEmpty();

        zendesk.clock.advance(Duration.ofSeconds(25));
        assertThat(status(full)).isEqualTo("completed");
        assertThat(zendesk.simulator.users()).hasSize(150);
    }

    @Test
    void bulk_import_is_403_while_imports_are_disabled() {
        zendesk.simulator.faults().setBulkImportsEnabled(false);

        var reply = zendesk.post("/api/v2/users/create_or_update_many", "{\"users\":[{\"name\":\"Ada\",\"external_id\":\"c1\"}]}");

        assertThat(reply.code()).isEqualTo(403);
        assertThat(zendesk.simulator.jobStatuses()).isEmpty();
    }

    @Test
    void more_than_100_users_in_one_request_is_refused() {
        var reply = zendesk.post("/api/v2/users/create_or_update_many", users("u", 101));

        assertThat(reply.code()).isEqualTo(400);
        assertThat(zendesk.simulator.jobStatuses()).isEmpty();
    }

    private String status(String jobId) {
        return zendesk.get("/api/v2/job_statuses/" + jobId + ".json").json().at("/job_status/status").asText();
    }

    private static String users(String prefix, int count) {
        var users = new StringBuilder("{\"users\":[");
        for (int i = 0; i < count; i++) {
            users.append(i == 0 ? "" : ",").append("{\"name\":\"U\",\"external_id\":\"").append(prefix).append(i).append("\"}");
        }
        return users.append("]}").toString();
    }
}
