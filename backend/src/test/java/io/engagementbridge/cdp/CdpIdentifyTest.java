package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.App;
import io.engagementbridge.demo.zendeskapi.Identity;
import io.engagementbridge.demo.zendeskapi.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static io.engagementbridge.cdp.CdpHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** identify messages against the Zendesk simulator: what Zendesk holds afterwards, and what each message's outcome says. */
class CdpIdentifyTest {
    @TempDir
    Path dir;
    CdpHarness cdp;

    @BeforeEach
    void open() {
        cdp = new CdpHarness(dir, 10);
        field("{\"key\":\"ltv\",\"type\":\"decimal\",\"title\":\"LTV\"}");
        field("{\"key\":\"loyalty_tier\",\"type\":\"dropdown\",\"title\":\"Loyalty tier\",\"custom_field_options\":["
                + "{\"name\":\"Gold member\",\"value\":\"gold\"},{\"name\":\"Silver member\",\"value\":\"silver\"}]}");
    }

    @AfterEach
    void close() {
        cdp.close();
    }

    private void field(String json) {
        try {
            cdp.account.zendesk().client().createUserField(App.mapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private User userWithExternalId(String externalId) {
        return cdp.zendesk().userByExternalId(externalId).orElseThrow(() -> new AssertionError("no Zendesk user " + externalId));
    }

    private JsonNode outcome(String messageId) {
        eventually("message " + messageId + " is written or failed", 20, () -> {
            var status = find(messageId).path("status").asText();
            return status.equals("written") || status.equals("failed");
        });
        return find(messageId);
    }

    private JsonNode find(String messageId) {
        for (var message : cdp.messages("?limit=1000").body().path("messages")) {
            if (message.path("messageId").asText().equals(messageId)) {
                return message;
            }
        }
        return App.mapper().createObjectNode();
    }

    @Test
    void an_identify_creates_the_user_named_from_first_and_last_name_and_a_later_one_updates_it() {
        cdp.send("{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"cust-1\",\"traits\":{\"email\":\"ada@example.com\","
                + "\"firstName\":\"Ada\",\"last_name\":\"Lovelace\",\"phone\":\"+441234\",\"timezone\":\"Europe/London\",\"ltv\":\"1200.50\"}}");
        assertThat(outcome("m1").path("status").asText()).isEqualTo("written");
        var created = userWithExternalId("cust-1");
        assertThat(created.name()).isEqualTo("Ada Lovelace");
        assertThat(created.email()).isEqualTo("ada@example.com");
        assertThat(created.phone()).isEqualTo("+441234");
        assertThat(created.timeZone()).isEqualTo("Europe/London");
        assertThat((BigDecimal) created.userFields().get("ltv")).isEqualByComparingTo("1200.50");

        cdp.send("{\"type\":\"identify\",\"messageId\":\"m2\",\"userId\":\"cust-1\",\"traits\":{\"name\":\"Ada King\",\"ltv\":2400}}");
        assertThat(outcome("m2").path("status").asText()).isEqualTo("written");

        var updated = userWithExternalId("cust-1");
        assertThat(updated.id()).isEqualTo(created.id());
        assertThat(updated.name()).isEqualTo("Ada King");
        assertThat((BigDecimal) updated.userFields().get("ltv")).isEqualByComparingTo("2400");
        assertThat(cdp.zendesk().users()).filteredOn(user -> "cust-1".equals(user.externalId())).hasSize(1);
    }

    @Test
    void a_trait_without_a_user_field_is_noted_on_the_message_and_the_rest_is_written() {
        cdp.send("{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"cust-2\",\"traits\":{\"name\":\"Grace\",\"favouriteColour\":\"teal\"}}");

        var outcome = outcome("m1");
        assertThat(outcome.path("status").asText()).isEqualTo("written");
        assertThat(outcome.path("reason").asText()).contains("favouriteColour").contains("no user field with key favourite_colour");
        assertThat(userWithExternalId("cust-2").name()).isEqualTo("Grace");
        assertThat(userWithExternalId("cust-2").userFields()).doesNotContainKey("favourite_colour");
    }

    @Test
    void with_create_missing_fields_unknown_traits_create_fields_of_the_values_type_once_and_hold_the_values() {
        cdp.cdpSettings("{\"create_missing_fields\":true}");

        cdp.send("{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"cust-8\",\"traits\":{\"name\":\"Hedy\",\"favouriteColour\":\"teal\","
                + "\"newsletter\":true,\"orders\":12,\"avgBasket\":54.5,\"firstPurchase\":\"2024-03-01\"}}");
        var first = outcome("m1");
        cdp.send("{\"type\":\"identify\",\"messageId\":\"m2\",\"userId\":\"cust-9\",\"traits\":{\"name\":\"Lise\",\"favouriteColour\":\"red\"}}");
        var second = outcome("m2");

        assertThat(cdp.zendesk().userFields()).extracting(f -> f.key(), f -> f.type()).contains(
                org.assertj.core.groups.Tuple.tuple("favourite_colour", "text"), org.assertj.core.groups.Tuple.tuple("newsletter", "checkbox"),
                org.assertj.core.groups.Tuple.tuple("orders", "integer"), org.assertj.core.groups.Tuple.tuple("avg_basket", "decimal"),
                org.assertj.core.groups.Tuple.tuple("first_purchase", "date"));
        assertThat(cdp.zendesk().userFields()).filteredOn(f -> f.key().equals("favourite_colour")).hasSize(1);
        var user = userWithExternalId("cust-8");
        assertThat(user.userFields()).containsEntry("favourite_colour", "teal").containsEntry("newsletter", true)
                .containsEntry("first_purchase", "2024-03-01");
        assertThat(new BigDecimal(String.valueOf(user.userFields().get("avg_basket")))).isEqualByComparingTo("54.5");
        assertThat(userWithExternalId("cust-9").userFields()).containsEntry("favourite_colour", "red");
        assertThat(first.path("status").asText()).isEqualTo("written");
        assertThat(first.path("reason").asText()).contains("user field favourite_colour (text) created for trait favouriteColour");
        assertThat(second.path("status").asText()).isEqualTo("written");
        assertThat(second.path("reason").asText()).doesNotContain("created");
    }

    @Test
    void without_create_missing_fields_the_note_names_the_trait_and_both_fixes_and_no_field_is_made() {
        cdp.send("{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"cust-10\",\"traits\":{\"name\":\"Mary\",\"shoeSize\":42}}");

        assertThat(outcome("m1").path("reason").asText()).contains("trait shoeSize was not written")
                .contains("Admin Center > People > User fields").contains("cdp.create_missing_fields");
        assertThat(cdp.zendesk().userFields()).noneMatch(f -> f.key().equals("shoe_size"));
    }

    @Test
    void a_dropdown_trait_given_by_its_label_is_stored_as_the_options_value() {
        cdp.send("{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"cust-3\",\"traits\":{\"name\":\"Alan\",\"loyaltyTier\":\"Gold Member\"}}");

        assertThat(outcome("m1").path("status").asText()).isEqualTo("written");
        assertThat(userWithExternalId("cust-3").userFields()).containsEntry("loyalty_tier", "gold");
    }

    @Test
    void a_bad_decimal_fails_the_message_naming_the_field_and_the_fix_and_writes_nothing() {
        cdp.send("{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"cust-4\",\"traits\":{\"name\":\"Edsger\",\"ltv\":\"lots\"}}");

        var outcome = outcome("m1");
        assertThat(outcome.path("status").asText()).isEqualTo("failed");
        assertThat(outcome.path("reason").asText()).isEqualTo("trait ltv = \"lots\": LTV is a decimal field; send a number such as 1234.5");
        assertThat(cdp.zendesk().userByExternalId("cust-4")).isEmpty();
    }

    @Test
    void an_email_that_belongs_to_another_user_is_reported_with_that_user() {
        var owner = cdp.zendesk().seedUser(9001, "Barbara Liskov", "barbara@example.com", null, List.of());
        cdp.zendesk().seedUser(9002, "Someone Else", "someone@example.com", "cust-5", List.of());

        cdp.send("{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"cust-5\",\"traits\":{\"email\":\"barbara@example.com\"}}");

        var outcome = outcome("m1");
        assertThat(outcome.path("status").asText()).isEqualTo("failed");
        assertThat(outcome.path("reason").asText()).contains("barbara@example.com").contains("Zendesk user #" + owner.id() + " (Barbara Liskov)")
                .contains("merge the two users");
        assertThat(cdp.zendesk().user(9002).orElseThrow().email()).isEqualTo("someone@example.com");
    }

    @Test
    void a_new_email_for_a_known_user_is_added_as_a_secondary_identity() {
        cdp.send("{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"cust-6\",\"traits\":{\"name\":\"Radia\",\"email\":\"radia@example.com\"}}");
        outcome("m1");
        cdp.send("{\"type\":\"identify\",\"messageId\":\"m2\",\"userId\":\"cust-6\",\"traits\":{\"email\":\"radia@work.example\"}}");
        assertThat(outcome("m2").path("status").asText()).isEqualTo("written");

        var user = userWithExternalId("cust-6");
        assertThat(user.email()).isEqualTo("radia@example.com");
        assertThat(cdp.zendesk().identities(user.id())).extracting(Identity::value, Identity::primary)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("radia@example.com", true), org.assertj.core.groups.Tuple.tuple("radia@work.example", false));
    }

    @Test
    void a_list_of_companies_becomes_every_membership_in_one_bulk_job_and_removing_several_explains_the_default() {
        cdp.send("{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"cust-11\",\"traits\":{\"name\":\"Barbara\",\"company\":["
                + "{\"id\":\"initech\",\"name\":\"Initech\"},{\"id\":\"hooli\",\"name\":\"Hooli\"},{\"id\":\"umbrella\",\"name\":\"Umbrella\"}]}}");
        assertThat(outcome("m1").path("status").asText()).isEqualTo("written");
        var user = userWithExternalId("cust-11");
        var initech = cdp.zendesk().organizationByExternalId("initech").orElseThrow();
        var hooli = cdp.zendesk().organizationByExternalId("hooli").orElseThrow();
        var umbrella = cdp.zendesk().organizationByExternalId("umbrella").orElseThrow();
        assertThat(cdp.zendesk().memberships()).filteredOn(m -> m.userId() == user.id()).extracting(m -> m.organizationId())
                .containsExactlyInAnyOrder(initech.id(), hooli.id(), umbrella.id());
        assertThat(cdp.zendesk().jobStatuses()).filteredOn(job -> job.jobType().equals("Bulk Create Organization Memberships"))
                .singleElement().satisfies(job -> assertThat(job.total()).isEqualTo(3));
        var defaultOrg = cdp.zendesk().memberships().stream().filter(m -> m.userId() == user.id() && m.isDefault()).findFirst().orElseThrow()
                .organizationId();
        var defaultKey = defaultOrg == initech.id() ? "initech" : defaultOrg == hooli.id() ? "hooli" : "umbrella";
        var other = defaultKey.equals("hooli") ? "initech" : "hooli";

        cdp.send("{\"type\":\"identify\",\"messageId\":\"m2\",\"userId\":\"cust-11\",\"traits\":{\"company\":["
                + "{\"id\":\"" + defaultKey + "\",\"remove\":true},{\"id\":\"" + other + "\",\"remove\":true}]}}");

        assertThat(outcome("m2").path("reason").asText()).contains("organisation " + defaultKey + " was the user's default organisation");
        assertThat(cdp.zendesk().memberships()).filteredOn(m -> m.userId() == user.id()).hasSize(1);
        assertThat(cdp.zendesk().jobStatuses()).anyMatch(job -> job.jobType().equals("Bulk Delete Organization Memberships"));
    }

    @Test
    void company_traits_add_a_second_membership_and_remove_one_leaving_the_other() {
        cdp.send("{\"type\":\"identify\",\"messageId\":\"m1\",\"userId\":\"cust-7\",\"traits\":{\"name\":\"Frances\",\"company\":{\"id\":\"acme\",\"name\":\"Acme\"}}}");
        outcome("m1");
        cdp.send("{\"type\":\"identify\",\"messageId\":\"m2\",\"userId\":\"cust-7\",\"traits\":{\"company\":{\"id\":\"globex\",\"name\":\"Globex\"}}}");
        outcome("m2");
        var user = userWithExternalId("cust-7");
        var acme = cdp.zendesk().organizationByExternalId("acme").orElseThrow();
        var globex = cdp.zendesk().organizationByExternalId("globex").orElseThrow();
        assertThat(cdp.zendesk().memberships()).filteredOn(m -> m.userId() == user.id()).extracting(m -> m.organizationId())
                .containsExactlyInAnyOrder(acme.id(), globex.id());

        cdp.send("{\"type\":\"identify\",\"messageId\":\"m3\",\"userId\":\"cust-7\",\"traits\":{\"company\":{\"id\":\"acme\",\"remove\":true}}}");

        assertThat(outcome("m3").path("reason").asText()).contains("was the user's default organisation");
        assertThat(cdp.zendesk().memberships()).filteredOn(m -> m.userId() == user.id()).extracting(m -> m.organizationId())
                .containsExactly(globex.id());
    }
}
