package io.engagementbridge.relay;

import io.engagementbridge.App;
import io.engagementbridge.work.WorkState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Zendesk's limits only delay a relayed event: waiting for the read budget or being throttled never spends the event's attempts. */
class RelayWaitsForZendeskTest {
    @TempDir
    Path dir;
    RelayTestBed bed;

    @AfterEach
    void close() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void a_ticket_read_throttled_twenty_times_still_arrives_once_without_spending_its_attempts() throws Exception {
        bed = new RelayTestBed(dir, 10, Map.of());
        bed.zendesk.simulator().faults().setWebhookDropShare(1.0);
        var id = bed.createTicket("Order", "Where is it?", "Ada", "ada@example.com");
        // More 429s than the work queue's 12 attempts: each one is Zendesk saying "not yet", not a failure.
        bed.zendesk.simulator().faults().failNext(20, 429, 1);
        var work = bed.zendesk.writeSide().work();
        work.enqueue(new RelayTicketEvent(id, "created", null, "ada@example.com", "webhook", "inv-1").work(bed.connectionId(), App.mapper()),
                bed.clock.instant());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !bed.engagement.trackedEvents().isEmpty() && bed.unfinished() == 0);

        assertThat(bed.zendesk.simulator().faults().failuresServed()).isEqualTo(20);
        assertThat(bed.storedByTicketAndAction().get(id + ":created")).hasSize(1);
        assertThat(work.deadLetters(bed.connectionId(), RelaySender.EVENT_KINDS, 10)).isEmpty();
        assertThat(work.items(bed.connectionId(), WorkState.DONE, 100)).filteredOn(item -> item.kind().equals(RelayTicketEvent.KIND))
                .singleElement().satisfies(read -> assertThat(read.attempts()).as("attempts of the read").isEqualTo(1));
    }
}
