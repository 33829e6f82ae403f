package io.engagementbridge.relay;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Engagement's requests are few because they are full: a steady flow of tickets goes out 50 events a request, and the
 * events of a request Engagement failed go out again together.
 */
class RelaySendsFullBatchesTest {
    @TempDir
    Path dir;
    RelayTestBed bed;

    @AfterEach
    void close() {
        if (bed != null) {
            bed.close();
        }
    }

    private void awaitRelayed(int events) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> bed.storedByTicketAndAction().size() == events && bed.unfinished() == 0);
    }

    @Test
    void a_steady_flow_of_new_tickets_reaches_engagement_in_full_batches() throws Exception {
        // 5× time: the quiet spell that lets a part-full batch go is 5 simulated seconds, one real one; the linger, 12.
        bed = new RelayTestBed(dir, 5, Map.of());
        for (int i = 0; i < 110; i++) {
            bed.createTicket("Order " + i, "Where is it?", "Customer " + i, "flow" + i + "@example.com");
            bed.clock.sleep(Duration.ofMillis(100));
        }

        awaitRelayed(110);
        // The last ten wait out the linger: after two full batches the flow counts as busy, so they wait for company.
        assertThat(bed.engagement.answeredBatchSizes()).as("events in each of Engagement's requests").containsExactly(50, 50, 10);
    }

    @Test
    void the_events_of_a_request_engagement_failed_go_out_again_in_one_request() throws Exception {
        bed = new RelayTestBed(dir, 5, Map.of());
        bed.engagement.setDown(true);
        for (int i = 0; i < 50; i++) {
            bed.createTicket("Order " + i, "Where is it?", "Customer " + i, "down" + i + "@example.com");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> bed.engagement.batchRequests() >= 1);
        bed.engagement.setDown(false);

        awaitRelayed(50);
        assertThat(bed.engagement.answeredBatchSizes()).as("events in each request Engagement answered").containsExactly(50);
    }
}
