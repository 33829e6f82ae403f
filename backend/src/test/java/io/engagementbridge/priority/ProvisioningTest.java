package io.engagementbridge.priority;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.App;
import io.engagementbridge.bench.ScaledClock;
import io.engagementbridge.bench.SimulatedZendeskAccount;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.demo.zendeskapi.Field;
import io.engagementbridge.demo.zendeskapi.FieldOption;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.demo.zendeskapi.Trigger;
import io.engagementbridge.demo.zendeskapi.View;
import io.engagementbridge.priority.ProvisioningReport.Outcome;
import io.engagementbridge.zendesk.ResponseObserver;
import io.engagementbridge.zendesk.ZendeskClient;
import io.engagementbridge.zendesk.ZendeskRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Provisioning, Repair and Disconnect against the Zendesk simulator, judged by what the simulated account holds afterwards. */
class ProvisioningTest {
    private static final TierRules RULES = TierRules.defaults();

    @TempDir
    Path dir;
    private final ScaledClock clock = new ScaledClock(Instant.parse("2026-12-01T10:00:00Z"), 10);
    private SimulatedZendeskAccount account;
    private Provisioning provisioning;

    @BeforeEach
    void open() {
        account = SimulatedZendeskAccount.open(dir, clock, SimulatorLimits.defaults(), 700, ResponseObserver.NONE);
        provisioning = new Provisioning(account.writeSide().connectionRepository(), App.mapper(), clock, clock::sleep, "http://127.0.0.1:9");
    }

    @AfterEach
    void close() {
        try {
            assertThat(account.simulator().stats().rateLimited()).as("429s from the simulator").isEmpty();
        } finally {
            account.close();
        }
    }

    @Test
    void provisioning_creates_the_user_fields_the_tier_field_a_trigger_per_tier_and_the_view_sorted_by_tier() throws Exception {
        var report = provision();

        var sim = account.simulator();
        assertThat(sim.userFields()).extracting(Field::key, Field::type).containsExactly(
                tuple("eb_customer_tier", "dropdown"), tuple("eb_ltv", "decimal"),
                tuple("eb_rfm_segment", "text"), tuple("eb_loyalty_tier", "text"));
        assertThat(sim.userFields().get(0).options()).extracting(FieldOption::name, FieldOption::value).containsExactly(
                tuple("VIP", "cdp_tier_1_vip"), tuple("High value", "cdp_tier_2_high"),
                tuple("Standard", "cdp_tier_3_standard"));
        var ticketField = single(sim.ticketFields());
        assertThat(ticketField.title()).isEqualTo("Customer value tier");
        assertThat(ticketField.type()).isEqualTo("tagger");
        assertThat(ticketField.options()).extracting(FieldOption::value).containsExactly("cdp_tier_1_vip", "cdp_tier_2_high", "cdp_tier_3_standard");
        assertThat(sim.triggers()).extracting(Trigger::title)
                .containsExactly("Engagement Bridge: VIP", "Engagement Bridge: High value", "Engagement Bridge: Standard",
                        "Engagement Bridge: ticket created", "Engagement Bridge: ticket solved", "Engagement Bridge: satisfaction rated");
        var view = single(sim.views());
        assertThat(view.title()).isEqualTo("Tickets by customer value");
        assertThat(view.execution().path("sort_by").asText()).isEqualTo(String.valueOf(ticketField.id()));
        assertThat(report.count(Outcome.CREATED)).isEqualTo(13);
        assertThat(connection().settings().path(Provisioning.SETTING).path("ticket_field").asLong()).isEqualTo(ticketField.id());
    }

    @Test
    void provisioning_twice_creates_nothing_new() throws Exception {
        provision();
        var sim = account.simulator();
        var before = ids();

        var again = provision();

        assertThat(ids()).isEqualTo(before);
        assertThat(sim.userFields()).hasSize(4);
        assertThat(sim.ticketFields()).hasSize(1);
        assertThat(sim.triggers()).hasSize(6);
        assertThat(sim.webhooks()).hasSize(1);
        assertThat(sim.views()).hasSize(1);
        assertThat(again.items()).isNotEmpty().allMatch(item -> item.outcome() == Outcome.ALREADY_THERE);
    }

    @Test
    void a_vip_requesters_new_ticket_gets_urgent_priority_the_tier_tag_and_the_tier_field_and_leads_the_view() throws Exception {
        provision();
        var zendesk = client();
        zendesk.createOrUpdateUser(user("ada@example.com", "Ada", "cdp_tier_1_vip"));
        zendesk.createOrUpdateUser(user("sam@example.com", "Sam", "cdp_tier_3_standard"));

        var standard = ticketFrom("sam@example.com", "Sam");
        var vip = ticketFrom("ada@example.com", "Ada");
        var untiered = ticketFrom("new@example.com", "Newcomer");

        var ticketField = single(account.simulator().ticketFields()).id();
        var ticket = account.simulator().ticket(vip).orElseThrow();
        assertThat(ticket.priority()).isEqualTo("urgent");
        assertThat(ticket.tags()).contains("cdp_tier_1_vip");
        assertThat(ticket.customFields()).containsEntry(ticketField, "cdp_tier_1_vip");
        assertThat(account.simulator().ticket(standard).orElseThrow().priority()).isEqualTo("normal");
        assertThat(account.simulator().ticket(untiered).orElseThrow().priority()).isNull();
        var view = single(account.simulator().views()).id();
        var queue = new ArrayList<Long>();
        zendesk.send(ZendeskRequest.get("/api/v2/views/" + view + "/tickets")).body().path("tickets").forEach(t -> queue.add(t.path("id").asLong()));
        assertThat(queue).containsExactly(vip, standard, untiered);
    }

    @Test
    void repair_restores_a_deleted_trigger_and_nothing_else() throws Exception {
        provision();
        var vipTrigger = account.simulator().triggers().get(0);
        client().send(ZendeskRequest.delete("/api/v2/triggers/" + vipTrigger.id()));

        var repaired = provisioning.repair(connection(), client(), account.zendesk().governor(), RULES);

        assertThat(account.simulator().triggers()).hasSize(6).filteredOn(t -> t.title().equals("Engagement Bridge: VIP")).singleElement()
                .satisfies(t -> assertThat(t.actions()).isEqualTo(vipTrigger.actions()));
        assertThat(repaired.items()).filteredOn(item -> item.outcome() == Outcome.CREATED).extracting(ProvisioningReport.Item::name)
                .containsExactly("Engagement Bridge: VIP");
        var restored = account.simulator().triggers().stream().filter(t -> t.title().equals("Engagement Bridge: VIP")).findFirst().orElseThrow();
        assertThat(connection().settings().at("/provisioned/triggers/cdp_tier_1_vip").asLong()).isEqualTo(restored.id());
    }

    @Test
    void repair_after_the_tier_field_was_deleted_points_every_trigger_and_the_view_at_the_new_field() throws Exception {
        provision();
        client().send(ZendeskRequest.delete("/api/v2/ticket_fields/" + single(account.simulator().ticketFields()).id()));

        provisioning.repair(connection(), client(), account.zendesk().governor(), RULES);

        var field = single(account.simulator().ticketFields()).id();
        assertThat(tierTriggers()).hasSize(3).allSatisfy(t -> assertThat(t.actions().toString()).contains("custom_fields_" + field));
        assertThat(single(account.simulator().views()).execution().path("sort_by").asText()).isEqualTo(String.valueOf(field));
        client().createOrUpdateUser(user("ada@example.com", "Ada", "cdp_tier_1_vip"));
        assertThat(account.simulator().ticket(ticketFrom("ada@example.com", "Ada")).orElseThrow().customFields()).containsEntry(field, "cdp_tier_1_vip");
    }

    @Test
    void a_new_tier_in_the_rules_gains_its_options_and_trigger_and_a_removed_tier_loses_its_trigger() throws Exception {
        provision();
        var vip = RULES.tiers().get(0);
        var gold = new Tier("Gold", ZendeskPriority.HIGH, "cdp_tier_2_gold", List.of(new TierCondition.LtvAtLeast(new BigDecimal("2000"))), false);
        var standard = RULES.tiers().get(2);

        provisioning.provision(connection(), client(), account.zendesk().governor(), new TierRules(List.of(vip, gold, standard)));

        assertThat(account.simulator().userFields().get(0).options()).extracting(FieldOption::value).contains("cdp_tier_2_gold");
        assertThat(single(account.simulator().ticketFields()).options()).extracting(FieldOption::value).contains("cdp_tier_2_gold");
        assertThat(tierTriggers()).extracting(Trigger::title)
                .containsExactlyInAnyOrder("Engagement Bridge: VIP", "Engagement Bridge: Gold", "Engagement Bridge: Standard");
    }

    @Test
    void disconnect_removes_what_we_created_and_leaves_the_admins_own_field_trigger_and_view_alone() throws Exception {
        var zendesk = client();
        var admin = App.mapper();
        zendesk.createUserField(admin.readTree("{\"type\":\"text\",\"key\":\"plan\",\"title\":\"Plan\"}"));
        zendesk.send(ZendeskRequest.post("/api/v2/triggers", admin.readTree("{\"trigger\":{\"title\":\"Escalate outages\",\"conditions\":{\"all\":["
                + "{\"field\":\"update_type\",\"operator\":\"is\",\"value\":\"Create\"}]},\"actions\":[{\"field\":\"priority\",\"value\":\"high\"}]}}")));
        zendesk.send(ZendeskRequest.post("/api/v2/views", admin.readTree("{\"view\":{\"title\":\"My open tickets\",\"conditions\":{\"all\":["
                + "{\"field\":\"status\",\"operator\":\"less_than\",\"value\":\"solved\"}]}}}")));
        provision();

        var removed = provisioning.deprovision(connection(), zendesk, account.zendesk().governor());

        var sim = account.simulator();
        assertThat(sim.userFields()).extracting(Field::key).containsExactly("plan");
        assertThat(sim.triggers()).extracting(Trigger::title).containsExactly("Escalate outages");
        assertThat(sim.views()).extracting(View::title).containsExactly("My open tickets");
        assertThat(sim.ticketFields()).isEmpty();
        assertThat(sim.webhooks()).isEmpty();
        assertThat(removed.count(Outcome.REMOVED)).isEqualTo(13);
        assertThat(connection().settings().has(Provisioning.SETTING)).isFalse();
    }

    @Test
    void the_events_webhook_points_at_this_connections_inbox_and_is_signed_with_its_own_secret() throws Exception {
        provision();

        var webhook = single(account.simulator().webhooks());
        assertThat(webhook.endpoint()).isEqualTo("http://127.0.0.1:9/v1/zendesk/webhook/" + account.connectionId());
        assertThat(webhook.signingSecret()).isEqualTo(storedSigningSecret());
        assertThat(account.simulator().triggers()).filteredOn(t -> t.title().equals("Engagement Bridge: ticket created")).singleElement()
                .satisfies(t -> {
                    var body = t.actions().get(0).path("value").get(1).asText();
                    assertThat(App.mapper().readTree(body).path("event").asText()).isEqualTo("ticket_created");
                    assertThat(body).doesNotContain("{{ticket.title}}", "{{ticket.status}}", "{{ticket.description}}");
                });
    }

    @Test
    void repair_keeps_a_webhook_secret_an_admin_rotated_in_zendesk_so_its_deliveries_still_verify() throws Exception {
        provision();
        var webhook = single(account.simulator().webhooks());
        client().send(ZendeskRequest.post("/api/v2/webhooks/" + webhook.id() + "/signing_secret", App.mapper().createObjectNode()));
        var rotated = single(account.simulator().webhooks()).signingSecret();
        assertThat(rotated).isNotEqualTo(storedSigningSecret());

        provision();

        assertThat(storedSigningSecret()).isEqualTo(rotated);
        assertThat(account.simulator().webhooks()).hasSize(1);
    }

    @Test
    void disconnect_tolerates_objects_an_admin_already_deleted() throws Exception {
        provision();
        client().send(ZendeskRequest.delete("/api/v2/views/" + single(account.simulator().views()).id()));

        var removed = provisioning.deprovision(connection(), client(), account.zendesk().governor());

        assertThat(removed.items()).filteredOn(item -> item.outcome() == Outcome.ALREADY_GONE).extracting(ProvisioningReport.Item::kind)
                .containsExactly("view");
        assertThat(account.simulator().triggers()).isEmpty();
        assertThat(account.simulator().userFields()).isEmpty();
    }

    private ProvisioningReport provision() throws InterruptedException {
        return provisioning.provision(connection(), client(), account.zendesk().governor(), RULES);
    }

    /** Our per-tier triggers, without the three that send ticket events to the inbox. */
    private List<Trigger> tierTriggers() {
        return account.simulator().triggers().stream().filter(t -> !t.actions().toString().contains("notification_webhook")).toList();
    }

    private String storedSigningSecret() {
        return account.writeSide().connectionRepository().secrets(account.connectionId()).orElseThrow().secrets().webhookSigningSecret();
    }

    private Connection connection() {
        return account.writeSide().connectionRepository().find(account.connectionId()).orElseThrow();
    }

    private ZendeskClient client() {
        return account.zendesk().client();
    }

    private List<Long> ids() {
        var sim = account.simulator();
        var ids = new ArrayList<Long>();
        sim.userFields().forEach(f -> ids.add(f.id()));
        sim.ticketFields().forEach(f -> ids.add(f.id()));
        sim.triggers().forEach(t -> ids.add(t.id()));
        sim.views().forEach(v -> ids.add(v.id()));
        return ids;
    }

    private JsonNode user(String email, String name, String tier) {
        var user = App.mapper().createObjectNode().put("email", email).put("name", name);
        user.putObject("user_fields").put(Provisioning.TIER_FIELD_KEY, tier);
        return user;
    }

    private long ticketFrom(String email, String name) {
        var ticket = App.mapper().createObjectNode().put("subject", "Help");
        ticket.putObject("comment").put("body", "Hello");
        ticket.putObject("requester").put("name", name).put("email", email);
        return client().createTicket("ticket-" + email, ticket).ticket().path("id").asLong();
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
