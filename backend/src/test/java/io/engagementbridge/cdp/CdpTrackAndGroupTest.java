package io.engagementbridge.cdp;

import io.engagementbridge.App;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.demo.zendeskapi.ProfileEvent;
import io.engagementbridge.demo.zendeskapi.Ticket;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.observability.Metrics;
import io.engagementbridge.work.WorkState;
import io.engagementbridge.zendesk.ResponseObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** track (tickets, events, audiences) and group messages against the Zendesk simulator. */
class CdpTrackAndGroupTest {
    @TempDir
    Path dir;
    CdpHarness cdp;

    @BeforeEach
    void open() {
        cdp = new CdpHarness(dir, 10);
    }

    @AfterEach
    void close() {
        cdp.close();
    }

    private static final String TICKET_CREATED = "{\"type\":\"track\",\"messageId\":\"t1\",\"userId\":\"cust-1\",\"event\":\"Ticket Created\","
            + "\"properties\":{\"requester\":{\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\"},\"subject\":\"Refund for order 1042\","
            + "\"comment\":\"The parcel arrived damaged.\",\"priority\":\"high\",\"type\":\"problem\",\"tags\":[\"from_cdp\"]}}";

    private List<Ticket> refundTickets() {
        return cdp.zendesk().tickets().stream().filter(ticket -> ticket.subject().equals("Refund for order 1042")).toList();
    }

    @Test
    void ticket_created_makes_one_ticket_even_when_the_message_is_replayed_and_its_work_runs_again() throws Exception {
        cdp.send(TICKET_CREATED);
        assertThat(cdp.outcome("t1").path("status").asText()).isEqualTo("written");
        cdp.send(TICKET_CREATED);

        // A worker that died after Zendesk created the ticket, but before recording it, runs the same work again.
        var writeSide = cdp.account.writeSide();
        // The outcome is logged just before the runner marks the item done.
        var item = await().atMost(java.time.Duration.ofSeconds(10)).until(() -> writeSide.work().items(cdp.account.connectionId(), WorkState.DONE, 1000)
                .stream().filter(each -> each.kind().equals(CdpWork.TRACK)).findFirst(), java.util.Optional::isPresent).orElseThrow();
        var clients = writeSide.zendeskClients(HttpClients.upstream(Timeouts.DEFAULTS, writeSide.config().zendeskHosts()), App.mapper(), cdp.clock,
                ResponseObserver.NONE);
        var rerun = new CdpConnections(writeSide.connectionRepository(), clients, ZendeskOAuthConfig.NONE, cdp.clock::sleep).handler(App.mapper(),
                new TrackEvents(new CdpOutcomes(new MessageLog(writeSide.database()), new Metrics(), cdp.clock), App.mapper())::handle);
        rerun.handle(item);

        assertThat(refundTickets()).singleElement().satisfies(ticket -> {
            assertThat(ticket.priority()).isEqualTo("high");
            assertThat(ticket.type()).isEqualTo("problem");
            assertThat(ticket.tags()).contains("from_cdp");
            assertThat(cdp.zendesk().user(ticket.requesterId()).orElseThrow().name()).isEqualTo("Ada Lovelace");
        });
        assertThat(cdp.logged("t1").path("reason").asText()).contains("already created by an earlier attempt");
    }

    @Test
    void ticket_updated_changes_the_ticket_and_a_bad_priority_is_refused_with_the_choices() {
        cdp.send(TICKET_CREATED);
        cdp.outcome("t1");
        var ticket = refundTickets().get(0);

        cdp.send("{\"type\":\"track\",\"messageId\":\"t2\",\"userId\":\"cust-1\",\"event\":\"Ticket Updated\",\"properties\":{\"ticket_id\":"
                + ticket.id() + ",\"priority\":\"urgent\",\"status\":\"pending\"}}");
        cdp.send("{\"type\":\"track\",\"messageId\":\"t3\",\"userId\":\"cust-1\",\"event\":\"Ticket Updated\",\"properties\":{\"ticket_id\":"
                + ticket.id() + ",\"priority\":\"asap\"}}");

        assertThat(cdp.outcome("t2").path("status").asText()).isEqualTo("written");
        assertThat(cdp.outcome("t3").path("reason").asText()).isEqualTo("properties.priority = \"asap\": send one of high, low, normal, urgent");
        var updated = cdp.zendesk().ticket(ticket.id()).orElseThrow();
        assertThat(updated.priority()).isEqualTo("urgent");
        assertThat(updated.status()).isEqualTo("pending");
    }

    @Test
    void ticket_updated_finds_the_ticket_by_its_external_id_and_says_so_when_none_has_it() {
        cdp.send(TICKET_CREATED.replace("\"tags\":[\"from_cdp\"]", "\"tags\":[\"from_cdp\"],\"external_id\":\"order-1042\""));
        cdp.outcome("t1");
        var ticket = refundTickets().get(0);

        cdp.send("{\"type\":\"track\",\"messageId\":\"t2\",\"userId\":\"cust-1\",\"event\":\"Ticket Updated\",\"properties\":{"
                + "\"external_id\":\"order-1042\",\"status\":\"solved\",\"comment\":\"Refund issued\"}}");
        cdp.send("{\"type\":\"track\",\"messageId\":\"t3\",\"userId\":\"cust-1\",\"event\":\"Ticket Updated\",\"properties\":{"
                + "\"external_id\":\"order-9999\",\"status\":\"solved\"}}");

        assertThat(cdp.outcome("t2").path("status").asText()).isEqualTo("written");
        assertThat(cdp.zendesk().ticket(ticket.id()).orElseThrow().status()).isEqualTo("solved");
        var missing = cdp.outcome("t3");
        assertThat(missing.path("status").asText()).isEqualTo("failed");
        assertThat(missing.path("reason").asText()).isEqualTo("no Zendesk ticket has external_id order-9999: send properties.ticket_id, "
                + "or create the ticket with this external_id first");
    }

    @Test
    void ticket_updated_without_ticket_id_or_external_id_is_rejected_at_the_door() {
        var reply = cdp.send("{\"type\":\"track\",\"messageId\":\"t1\",\"userId\":\"cust-1\",\"event\":\"Ticket Updated\","
                + "\"properties\":{\"status\":\"solved\"}}");

        assertThat(reply.body().path("results").get(0).path("status").asText()).isEqualTo("rejected");
        assertThat(reply.body().path("results").get(0).path("reason").asText()).isEqualTo("Ticket Updated needs properties.ticket_id "
                + "(the Zendesk ticket number) or properties.external_id (the ticket's external id)");
        assertThat(cdp.storedWork()).isZero();
    }

    @Test
    void other_events_reach_the_events_api_with_the_time_the_cdp_gave_them() {
        cdp.send("{\"type\":\"identify\",\"messageId\":\"i1\",\"userId\":\"cust-2\",\"traits\":{\"name\":\"Grace\",\"email\":\"grace@example.com\"}}");
        cdp.send("{\"type\":\"track\",\"messageId\":\"e1\",\"userId\":\"cust-2\",\"event\":\"Order Completed\",\"timestamp\":\"2026-11-30T08:00:00Z\","
                + "\"properties\":{\"order_id\":\"1042\",\"revenue\":99.5}}");

        assertThat(cdp.outcome("e1").path("status").asText()).isEqualTo("written");
        var user = cdp.zendesk().userByExternalId("cust-2").orElseThrow();
        assertThat(cdp.zendesk().eventsReceived()).singleElement().satisfies(event -> {
            assertThat(event.userId()).isEqualTo(user.id());
            assertThat(event.type()).isEqualTo("Order Completed");
            assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
            assertThat(event.properties().path("order_id").asText()).isEqualTo("1042");
        });
        assertThat(cdp.zendesk().eventsReceived()).extracting(ProfileEvent::source).containsOnly("engagement");
    }

    @Test
    void entering_and_leaving_an_audience_adds_and_removes_only_the_bridges_tag() throws IOException {
        cdp.send("{\"type\":\"identify\",\"messageId\":\"i1\",\"userId\":\"cust-3\",\"traits\":{\"name\":\"Alan\",\"tags\":[\"vip_manual\"],"
                + "\"audiences\":{\"Big Spenders\":true}}}");
        assertThat(cdp.outcome("i1").path("status").asText()).isEqualTo("written");
        assertThat(cdp.zendesk().userByExternalId("cust-3").orElseThrow().tags()).containsExactlyInAnyOrder("vip_manual", "cdp_audience_big_spenders");

        cdp.send("{\"type\":\"track\",\"messageId\":\"x1\",\"userId\":\"cust-3\",\"event\":\"Audience Exited\",\"properties\":{\"audience\":\"Big Spenders\"}}");

        assertThat(cdp.outcome("x1").path("status").asText()).isEqualTo("written");
        assertThat(cdp.zendesk().userByExternalId("cust-3").orElseThrow().tags()).containsExactly("vip_manual");
    }

    @Test
    void an_audience_with_a_checkbox_field_of_its_name_is_set_and_cleared_there() throws IOException {
        cdp.account.zendesk().client().createUserField(App.mapper().readTree(
                "{\"key\":\"audience_churn_risk\",\"type\":\"checkbox\",\"title\":\"Churn risk\"}"));
        cdp.send("{\"type\":\"identify\",\"messageId\":\"i1\",\"userId\":\"cust-4\",\"traits\":{\"name\":\"Barbara\"}}");
        cdp.send("{\"type\":\"track\",\"messageId\":\"x1\",\"userId\":\"cust-4\",\"event\":\"Audience Entered\",\"properties\":{\"audience\":\"Churn risk\"}}");
        cdp.outcome("x1");
        assertThat(cdp.zendesk().userByExternalId("cust-4").orElseThrow().userFields()).containsEntry("audience_churn_risk", true);

        cdp.send("{\"type\":\"track\",\"messageId\":\"x2\",\"userId\":\"cust-4\",\"event\":\"Audience Exited\",\"properties\":{\"audience\":\"Churn risk\"}}");
        cdp.outcome("x2");
        assertThat(cdp.zendesk().userByExternalId("cust-4").orElseThrow().userFields()).containsEntry("audience_churn_risk", false);
    }

    @Test
    void group_creates_the_organisation_with_its_fields_and_the_users_membership_and_deleted_removes_it() throws IOException {
        cdp.account.zendesk().client().send(io.engagementbridge.zendesk.ZendeskRequest.post("/api/v2/organization_fields", App.mapper().readTree(
                "{\"organization_field\":{\"key\":\"arr\",\"type\":\"decimal\",\"title\":\"ARR\"}}")));
        cdp.send("{\"type\":\"identify\",\"messageId\":\"i1\",\"userId\":\"cust-5\",\"traits\":{\"name\":\"Frances\"}}");
        cdp.outcome("i1");

        cdp.send("{\"type\":\"group\",\"messageId\":\"g1\",\"userId\":\"cust-5\",\"groupId\":\"acme\",\"traits\":{\"name\":\"Acme Corp\","
                + "\"website\":\"https://www.acme.example/about\",\"arr\":\"125000.00\",\"industry\":\"Rockets\"}}");

        var outcome = cdp.outcome("g1");
        assertThat(outcome.path("status").asText()).isEqualTo("written");
        assertThat(outcome.path("reason").asText()).contains("trait industry was not written");
        var org = cdp.zendesk().organizationByExternalId("acme").orElseThrow();
        assertThat(org.name()).isEqualTo("Acme Corp");
        assertThat(org.domainNames()).containsExactly("acme.example");
        assertThat((BigDecimal) org.organizationFields().get("arr")).isEqualByComparingTo("125000");
        var user = cdp.zendesk().userByExternalId("cust-5").orElseThrow();
        assertThat(cdp.zendesk().memberships()).filteredOn(m -> m.userId() == user.id()).extracting(m -> m.organizationId()).containsExactly(org.id());

        cdp.send("{\"type\":\"group\",\"messageId\":\"g2\",\"groupId\":\"acme\",\"traits\":{\"deleted\":true}}");
        assertThat(cdp.outcome("g2").path("status").asText()).isEqualTo("written");
        assertThat(cdp.zendesk().organizationByExternalId("acme")).isEmpty();
    }
}
