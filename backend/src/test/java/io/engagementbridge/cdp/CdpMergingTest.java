package io.engagementbridge.cdp;

import io.engagementbridge.App;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.engagementbridge.cdp.CdpHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** Writes to one user that queue up behind Zendesk's 5-a-minute limit are merged, never lost, never reordered. */
class CdpMergingTest {
    @TempDir
    Path dir;
    CdpHarness cdp;

    @BeforeEach
    void open() throws IOException {
        cdp = new CdpHarness(dir, 30);
        cdp.account.zendesk().client().createUserField(App.mapper().readTree("{\"key\":\"ltv\",\"type\":\"decimal\",\"title\":\"LTV\"}"));
    }

    @AfterEach
    void close() {
        cdp.close();
    }

    private static String identify(int n, Instant at) {
        return "{\"type\":\"identify\",\"messageId\":\"m" + n + "\",\"userId\":\"busy-1\",\"timestamp\":\"" + at
                + "\",\"traits\":{\"name\":\"Version " + n + "\",\"ltv\":" + n + "}}";
    }

    private long written() {
        return cdp.messages("?status=written&limit=1000").body().path("messages").size();
    }

    @Test
    void twenty_identifies_for_one_user_within_a_minute_end_with_the_latest_values_in_at_most_five_writes_a_minute() throws InterruptedException {
        Instant nineteenth = null;
        var started = cdp.clock.instant();
        for (int n = 1; n <= 20; n++) {
            var at = cdp.clock.instant();
            if (n == 19) {
                nineteenth = at;
            }
            // The last one was sent later but carries an older time: it must not win.
            cdp.send(identify(n, n == 20 ? nineteenth.minusSeconds(30) : at));
            cdp.clock.sleep(Duration.ofMillis(2_500));
        }

        eventually("all 20 messages are written", 60, () -> written() == 20);

        var user = cdp.zendesk().userByExternalId("busy-1").orElseThrow();
        assertThat(user.name()).isEqualTo("Version 19");
        assertThat((BigDecimal) user.userFields().get("ltv")).isEqualByComparingTo("19");
        assertThat(cdp.zendesk().peakUserWritesPerMinute()).isBetween(1, 5);
        var writes = cdp.zendesk().stats().count("POST /api/v2/users/create_or_update", 201) + cdp.zendesk().stats().count("POST /api/v2/users/create_or_update", 200);
        // Merged: fewer writes than messages, and no more than the per-user limit allows over the minutes it took
        // (a busy machine stretches the run over more simulated minutes).
        var minutes = (long) Math.ceil(Duration.between(started, cdp.clock.instant()).toSeconds() / 60.0);
        assertThat(writes).as("writes to the user, 20 messages merged over %d minutes", minutes).isBetween(2L, Math.min(19L, 5 * minutes));
        assertThat(cdp.zendesk().stats().rateLimited()).isEmpty();
        assertThat(cdp.messages("?status=failed").body().path("messages")).isEmpty();
    }

    @Test
    void an_older_message_arriving_after_a_newer_one_was_written_leaves_the_newer_value() {
        var now = cdp.clock.instant();
        cdp.send(identify(1, now));
        eventually("the newer message is written", 20, () -> written() == 1);

        cdp.send(identify(2, now.minus(Duration.ofHours(1))));
        eventually("the older message is processed", 20, () -> written() == 2);

        var user = cdp.zendesk().userByExternalId("busy-1").orElseThrow();
        assertThat(user.name()).isEqualTo("Version 1");
        assertThat((BigDecimal) user.userFields().get("ltv")).isEqualByComparingTo("1");
        assertThat(cdp.messages("?status=written").body().path("messages").get(0).path("reason").asText())
                .contains("name not written: a newer message already set it");
    }
}
