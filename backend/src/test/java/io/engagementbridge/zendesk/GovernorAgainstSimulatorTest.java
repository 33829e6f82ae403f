package io.engagementbridge.zendesk;

import io.engagementbridge.App;
import io.engagementbridge.bench.ScaledClock;
import io.engagementbridge.bench.SimulatedZendeskAccount;
import io.engagementbridge.bench.ZendeskWriteMix;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random mixes of user, ticket and bulk writes through the governor against the Zendesk simulator,
 * which enforces Zendesk's limits: not one 429, and every write lands. Time runs 10× fast on both sides.
 */
class GovernorAgainstSimulatorTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void random_mixes_of_user_ticket_and_bulk_writes_never_get_a_429(long seed) throws Exception {
        var clock = new ScaledClock(Instant.parse("2026-12-01T10:00:00Z"), 10);
        try (var account = SimulatedZendeskAccount.open(dir, clock, SimulatorLimits.defaults().withPlanRequestsPerMinute(300), 300,
                ResponseObserver.NONE)) {
            var mix = new ZendeskWriteMix(account.zendesk(), clock, App.mapper());
            var plan = new ZendeskWriteMix.Plan(300, 40, 12, 0.25, 0.03, 8, seed);
            var tickets = mix.createTickets(plan);

            var result = mix.run(plan, tickets);

            assertThat(result.failures()).isEmpty();
            assertThat(result.rateLimited()).isZero();
            assertThat(account.simulator().stats().rateLimited()).isEmpty();
            assertThat(account.simulator().peakUserWritesPerMinute()).isBetween(1, 5);
            assertThat(result.userWrites() + result.ticketUpdates() + result.bulkJobs()).isEqualTo(plan.writes());
            assertThat(account.simulator().users()).extracting(u -> u.email())
                    .contains("user0@bench.example", "user39@bench.example");
            assertThat(account.simulator().tickets()).hasSize(12);
        }
    }
}
