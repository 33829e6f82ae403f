package io.engagementbridge.demo.zendeskapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ZendeskApiJobsTest {
    private final SimulatorHarness zendesk = new SimulatorHarness();

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
    void bulk_import_is_403_while_imports_are_disabled() {
        zendesk.simulator.faults().setBulkImportsEnabled(false);

        var reply = zendesk.post("/api/v2/users/create_or_update_many", "{\"users\":[{\"name\":\"Ada\",\"external_id\":\"c1\"}]}");

        assertThat(reply.code()).isEqualTo(403);
        assertThat(zendesk.simulator.jobStatuses()).isEmpty();
    }

    @Test
    void more_than_100_users_in_one_request_is_refused() {
        var users = new StringBuilder("{\"users\":[");
        for (int i = 0; i < 101; i++) {
            users.append(i == 0 ? "" : ",").append("{\"name\":\"U\",\"external_id\":\"u").append(i).append("\"}");
        }
        var reply = zendesk.post("/api/v2/users/create_or_update_many", users.append("]}").toString());

        assertThat(reply.code()).isEqualTo(400);
        assertThat(zendesk.simulator.jobStatuses()).isEmpty();
    }
}
