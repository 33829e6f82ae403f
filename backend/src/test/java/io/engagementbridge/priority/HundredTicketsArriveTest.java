package io.engagementbridge.priority;

import io.engagementbridge.bench.PriorityBurst;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.Resilience;
import io.engagementbridge.demo.TicketArrivals.Arrival;
import io.engagementbridge.demo.TicketArrivals.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in the simulators: tickets arrive at once from tiered, untiered and unknown requesters;
 * Zendesk's triggers prioritise the tiered ones, the bridge's fallback the untiered ones.
 */
class HundredTicketsArriveTest {
    private static final String UPDATE_TICKET = "PUT /api/v2/tickets/{id}";
    /** The default resilience, with the circuit Engagement's failures open closing after 2 s instead of 15 s. */
    private static final Resilience QUICK_TO_RECOVER = new Resilience(Resilience.DEFAULTS.maxRetries(), Resilience.DEFAULTS.baseDelay(),
            Resilience.DEFAULTS.maxDelay(), Resilience.DEFAULTS.deadline(), Resilience.DEFAULTS.breakerFailures(),
            Resilience.DEFAULTS.breakerWindow(), Duration.ofSeconds(2));

    @TempDir
    Path dir;
    private PriorityBurst burst;

    @BeforeEach
    void start() throws Exception {
        burst = PriorityBurst.start(dir, 2_500, PriorityBurst.customers(70), BridgeConfig.forLoopback(0).withResilience(QUICK_TO_RECOVER), null);
    }

    @AfterEach
    void stop() {
        burst.close();
    }

    @Test
    void a_hundred_tickets_at_once_all_carry_the_right_tier_and_priority_within_zendesks_limits() throws Exception {
        var requesters = burst.requesters(50, 20, 10);

        var arrivals = burst.arrive(requesters, 100, 42, 16);

        assertThat(burst.awaitSettled(arrivals, Duration.ofSeconds(60))).as("work queue drained").isTrue();
        assertThat(arrivals).allSatisfy(arrival -> assertThat(burst.prioritisedCorrectly(arrival))
                .as("ticket %d of %s (%s)", arrival.ticketId(), arrival.requester().email(), arrival.requester().kind()).isTrue());
        var untieredTickets = arrivals.stream().filter(a -> a.requester().kind() == Kind.UNTIERED).count();
        var lookedUp = arrivals.stream().filter(a -> a.requester().kind() != Kind.TIERED).map(a -> a.requester().email()).distinct().count();
        assertThat(burst.engagement().dataApiCalls()).as("Engagement calls").isLessThanOrEqualTo(lookedUp);
        assertThat(burst.account().simulator().stats().count(UPDATE_TICKET, 200)).as("our ticket updates").isLessThanOrEqualTo(untieredTickets);
        assertThat(burst.account().simulator().stats().rateLimited()).as("429 answers").isEmpty();
    }

    @Test
    void a_failed_engagement_lookup_leaves_the_ticket_as_it_was_and_tiers_it_once_engagement_answers() throws Exception {
        var requesters = burst.requesters(0, 1, 0);
        burst.engagement().setDown(true);

        var arrival = burst.arrive(requesters, 1, 1, 1).get(0);

        awaitAttempts(arrival, 2);
        var untouched = burst.ticket(arrival.ticketId());
        assertThat(untouched.priority()).isNull();
        assertThat(untouched.tags()).noneMatch(tag -> tag.startsWith("cdp_tier_") || tag.equals(TierTicketFallback.GUARD_TAG));
        assertThat(untouched.updatedAt()).isEqualTo(untouched.createdAt());

        burst.engagement().setDown(false);

        // The next attempts come with the queue's backoff, after the circuit Engagement's failures opened has closed again.
        assertThat(burst.awaitSettled(List.of(arrival), Duration.ofSeconds(60))).isTrue();
        assertThat(burst.prioritisedCorrectly(arrival)).isTrue();
    }

    @Test
    void an_unknown_customers_next_ticket_is_not_looked_up_again() throws Exception {
        var stranger = burst.requesters(0, 0, 1);
        var first = burst.arrive(stranger, 1, 1, 1);
        assertThat(burst.awaitSettled(first, Duration.ofSeconds(30))).isTrue();
        var callsForFirst = burst.engagement().dataApiCalls();

        List<Arrival> second = burst.arrive(stranger, 1, 2, 1);

        assertThat(burst.awaitSettled(second, Duration.ofSeconds(30))).isTrue();
        assertThat(callsForFirst).isEqualTo(1);
        assertThat(burst.engagement().dataApiCalls()).isZero();
        assertThat(burst.prioritisedCorrectly(second.get(0))).isTrue();
    }

    @Test
    void an_agents_change_during_the_lookup_is_kept_and_the_ticket_is_tiered_on_a_fresh_read() throws Exception {
        var requesters = burst.requesters(0, 1, 0);
        burst.engagement().setLatency(Duration.ofMillis(2_200));

        var arrival = burst.arrive(requesters, 1, 1, 1).get(0);
        awaitEngagementCall();
        // The agent edits the ticket while the bridge waits for Engagement, a second later (updated_at, which
        // safe_update compares, counts whole seconds): the bridge's safe update now conflicts.
        Thread.sleep(1_050);
        var edit = io.engagementbridge.App.mapper().createObjectNode();
        edit.putArray("additional_tags").add("callback_requested");
        burst.account().zendesk().client().updateTicket(arrival.ticketId(), edit);

        assertThat(burst.awaitSettled(List.of(arrival), Duration.ofSeconds(30))).isTrue();
        assertThat(burst.prioritisedCorrectly(arrival)).isTrue();
        assertThat(burst.ticket(arrival.ticketId()).tags()).contains("callback_requested", TierTicketFallback.GUARD_TAG);
        assertThat(burst.account().simulator().stats().count(UPDATE_TICKET, 409)).isEqualTo(1);
    }

    private void awaitEngagementCall() throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (burst.engagement().dataApiCalls() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the bridge never asked Engagement");
            }
            Thread.sleep(10);
        }
    }

    private void awaitAttempts(Arrival arrival, int attempts) throws InterruptedException {
        var work = burst.account().writeSide().work();
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var item = work.items(burst.account().connectionId(), io.engagementbridge.work.WorkState.PENDING, 10).stream()
                    .filter(i -> i.key().equals("tier:ticket:" + arrival.ticketId())).findFirst();
            if (item.isPresent() && item.get().attempts() >= attempts) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the ticket's work was not retried " + attempts + " times");
    }
}
