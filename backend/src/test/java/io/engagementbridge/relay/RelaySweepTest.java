package io.engagementbridge.relay;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The catch-up sweep: events whose webhooks never arrived are sent once; events whose webhooks did are not sent again. */
class RelaySweepTest {
    @TempDir
    Path dir;
    RelayTestBed bed;

    @BeforeEach
    void open() throws Exception {
        // 30× time: Zendesk's one-minute export horizon and a one-minute sweep interval take two real seconds.
        bed = new RelayTestBed(dir, 30, Map.of(RelaySettings.SWEEP_INTERVAL, "PT1M"));
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void the_sweep_sends_events_whose_webhooks_never_arrived_once_and_leaves_delivered_ones_alone() throws Exception {
        bed.zendesk.simulator().faults().setWebhookDropShare(1.0);
        var lost = bed.createTicket("Lost webhook", "Body", "Ada", "ada@example.com");
        bed.solve(lost);
        bed.rate(lost, "good", "Thanks");
        var lostToo = bed.createTicket("Also lost", "Body", "Grace", "grace@example.com");
        bed.zendesk.simulator().faults().setWebhookDropShare(0.0);
        var delivered = bed.createTicket("Delivered", "Body", "Alan", "alan@example.com");

        var expected = List.of(lost + ":created", lost + ":solved", lost + ":rated", lostToo + ":created", delivered + ":created");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> bed.storedByTicketAndAction().keySet().containsAll(expected) && bed.unfinished() == 0);
        // Let two more sweeps run over the same window: they must find nothing new.
        var settled = recovered();
        bed.clock.sleep(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> bed.unfinished() == 0);

        var stored = bed.storedByTicketAndAction();
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        stored.forEach((key, events) -> assertThat(events).as(key).hasSize(1));
        assertThat(bed.engagement.duplicatesDiscarded()).as("nothing was even resent").isZero();
        assertThat(settled).isEqualTo(4.0);
        assertThat(recovered()).isEqualTo(4.0);
    }

    private double recovered() throws Exception {
        var request = new Request.Builder().url("http://127.0.0.1:" + bed.backend.port() + "/metrics").build();
        try (var response = new OkHttpClient().newCall(request).execute()) {
            var matcher = Pattern.compile("(?m)^bridge_relay_sweep_recovered_total (\\S+)$").matcher(response.body().string());
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
        }
    }
}
