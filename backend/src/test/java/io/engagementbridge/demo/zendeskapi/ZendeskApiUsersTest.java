package io.engagementbridge.demo.zendeskapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ZendeskApiUsersTest {
    private final SimulatorHarness zendesk = new SimulatorHarness();

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void create_or_update_answers_201_for_a_new_user_and_200_when_it_exists() {
        var created = zendesk.post("/api/v2/users/create_or_update.json",
                "{\"user\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"external_id\":\"cust-1\"}}");
        assertThat(created.code()).isEqualTo(201);
        var id = created.json().at("/user/id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v2/users/" + id + ".json");
        assertThat(created.json().at("/user/role").asText()).isEqualTo("end-user");

        var updated = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"external_id\":\"cust-1\",\"name\":\"Ada King\"}}");
        assertThat(updated.code()).isEqualTo(200);
        assertThat(updated.json().at("/user/id").asLong()).isEqualTo(id);
        assertThat(zendesk.simulator.users()).hasSize(1);
        assertThat(zendesk.simulator.user(id).orElseThrow().name()).isEqualTo("Ada King");
    }

    @Test
    void external_id_matches_ignoring_case_and_keeps_the_case_last_sent() {
        zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ian\",\"external_id\":\"ian1\"}}");
        var reply = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"external_id\":\"IAN1\",\"notes\":\"vip\"}}");

        assertThat(reply.code()).isEqualTo(200);
        assertThat(zendesk.simulator.users()).singleElement().satisfies(user -> {
            assertThat(user.externalId()).isEqualTo("IAN1");
            assertThat(user.notes()).isEqualTo("vip");
        });
    }

    @Test
    void an_email_owned_by_another_user_is_422_duplicate_value() {
        zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}}");
        var grace = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Grace\",\"external_id\":\"g-1\"}}").json();

        var reply = zendesk.put("/api/v2/users/" + grace.at("/user/id").asLong() + ".json", "{\"user\":{\"email\":\"ADA@example.com\"}}");

        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().at("/error").asText()).isEqualTo("RecordInvalid");
        assertThat(reply.json().at("/details/email/0/error").asText()).isEqualTo("DuplicateValue");
        assertThat(reply.json().at("/details/email/0/description").asText()).contains("is already being used by another user");
        assertThat(zendesk.simulator.identities(grace.at("/user/id").asLong())).isEmpty();
    }

    @Test
    void external_id_and_email_of_two_different_users_is_422_duplicate_value() {
        zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}}");
        zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Grace\",\"external_id\":\"g-1\"}}");

        var reply = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"external_id\":\"g-1\",\"email\":\"ada@example.com\"}}");

        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().at("/details/email/0/error").asText()).isEqualTo("DuplicateValue");
    }

    @Test
    void dropdown_user_field_accepts_an_option_value_and_rejects_its_label() {
        zendesk.createUserField("{\"type\":\"dropdown\",\"key\":\"cdp_tier\",\"title\":\"Customer tier\",\"custom_field_options\":["
                + "{\"name\":\"Platinum\",\"value\":\"cdp_tier_1_platinum\"},{\"name\":\"Gold\",\"value\":\"cdp_tier_2_gold\"}]}");
        var ok = zendesk.post("/api/v2/users/create_or_update",
                "{\"user\":{\"name\":\"Ada\",\"external_id\":\"c1\",\"user_fields\":{\"cdp_tier\":\"cdp_tier_1_platinum\"}}}");
        assertThat(ok.code()).isEqualTo(201);

        var rejected = zendesk.post("/api/v2/users/create_or_update",
                "{\"user\":{\"external_id\":\"c1\",\"user_fields\":{\"cdp_tier\":\"Gold\"}}}");

        assertThat(rejected.code()).isEqualTo(422);
        assertThat(rejected.json().at("/error").asText()).isEqualTo("RecordInvalid");
        assertThat(rejected.json().at("/details/cdp_tier/0/description").asText()).contains("Gold").contains("not a valid option");
        assertThat(zendesk.simulator.userByExternalId("c1").orElseThrow().userFields()).containsEntry("cdp_tier", "cdp_tier_1_platinum");
    }

    @Test
    void typed_user_fields_check_their_values_and_read_back_in_zendesk_form() {
        zendesk.createUserField("{\"type\":\"decimal\",\"key\":\"ltv\",\"title\":\"LTV\"}");
        zendesk.createUserField("{\"type\":\"integer\",\"key\":\"orders\",\"title\":\"Orders\"}");
        zendesk.createUserField("{\"type\":\"date\",\"key\":\"last_order\",\"title\":\"Last order\"}");
        zendesk.createUserField("{\"type\":\"checkbox\",\"key\":\"vip\",\"title\":\"VIP\",\"tag\":\"vip_customer\"}");
        zendesk.createUserField("{\"type\":\"regexp\",\"key\":\"rfm\",\"title\":\"RFM\",\"regexp_for_validation\":\"^[1-5]{3}$\"}");

        var bad = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada\",\"external_id\":\"c1\",\"user_fields\":"
                + "{\"ltv\":\"lots\",\"orders\":2.5,\"last_order\":\"yesterday\",\"vip\":\"yes\",\"rfm\":\"556\"}}}");
        assertThat(bad.code()).isEqualTo(422);
        assertThat(bad.json().get("details").fieldNames()).toIterable().containsExactlyInAnyOrder("ltv", "orders", "last_order", "vip", "rfm");
        assertThat(zendesk.simulator.users()).isEmpty();

        var good = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada\",\"external_id\":\"c1\",\"user_fields\":"
                + "{\"ltv\":1234.5,\"orders\":\"7\",\"last_order\":\"2026-11-30\",\"vip\":true,\"rfm\":\"545\"}}}");
        assertThat(good.code()).isEqualTo(201);
        assertThat(good.json().at("/user/user_fields/last_order").asText()).isEqualTo("2026-11-30T00:00:00+00:00");
        var user = zendesk.simulator.userByExternalId("c1").orElseThrow();
        assertThat(user.userFields()).containsEntry("ltv", new BigDecimal("1234.5")).containsEntry("orders", 7L).containsEntry("vip", true);
        assertThat(user.tags()).contains("vip_customer");
    }

    @Test
    void name_is_required_to_create_and_a_malformed_email_is_refused() {
        var noName = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"email\":\"nobody@example.com\"}}");
        assertThat(noName.code()).isEqualTo(422);
        assertThat(noName.json().at("/details/name/0/description").asText()).isEqualTo("Name: is too short (minimum is 1 characters)");

        var badEmail = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"X\",\"email\":\"badmail\"}}");
        assertThat(badEmail.code()).isEqualTo(422);
        assertThat(badEmail.json().at("/details/email/0/description").asText()).isEqualTo("Email: badmail is not properly formatted");
        assertThat(zendesk.simulator.users()).isEmpty();
    }

    @Test
    void a_new_email_on_update_becomes_a_secondary_identity_until_made_primary() {
        var id = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada\",\"email\":\"ada@old.example\",\"external_id\":\"c1\"}}")
                .json().at("/user/id").asLong();

        var updated = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"external_id\":\"c1\",\"email\":\"ada@new.example\"}}");

        assertThat(updated.json().at("/user/email").asText()).isEqualTo("ada@old.example");
        var identities = zendesk.get("/api/v2/users/" + id + "/identities.json").json().get("identities");
        assertThat(identities).hasSize(2);
        var secondary = zendesk.simulator.identities(id).stream().filter(identity -> !identity.primary()).findFirst().orElseThrow();
        assertThat(secondary.value()).isEqualTo("ada@new.example");
        assertThat(secondary.verified()).isFalse();

        var made = zendesk.put("/api/v2/users/" + id + "/identities/" + secondary.id() + "/make_primary", "{}");
        assertThat(made.code()).isEqualTo(200);
        assertThat(zendesk.simulator.user(id).orElseThrow().email()).isEqualTo("ada@new.example");
    }

    @Test
    void a_changed_external_id_and_a_deleted_email_identity_are_free_for_another_user() {
        var id = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada\",\"email\":\"ada@old.example\",\"external_id\":\"c1\"}}")
                .json().at("/user/id").asLong();
        zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"external_id\":\"c1\",\"email\":\"ada@new.example\"}}");
        var secondary = zendesk.simulator.identities(id).stream().filter(identity -> !identity.primary()).findFirst().orElseThrow();

        assertThat(zendesk.put("/api/v2/users/" + id, "{\"user\":{\"external_id\":\"c1-moved\"}}").code()).isEqualTo(200);
        assertThat(zendesk.delete("/api/v2/users/" + id + "/identities/" + secondary.id()).code()).isLessThan(300);

        var grace = zendesk.post("/api/v2/users/create_or_update",
                "{\"user\":{\"name\":\"Grace\",\"email\":\"ADA@new.example\",\"external_id\":\"C1\"}}");
        assertThat(grace.code()).as(grace.body()).isEqualTo(201);
        assertThat(grace.json().at("/user/id").asLong()).isNotEqualTo(id);
        var moved = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"external_id\":\"C1-MOVED\",\"notes\":\"still Ada\"}}");
        assertThat(moved.code()).isEqualTo(200);
        assertThat(moved.json().at("/user/id").asLong()).isEqualTo(id);
    }

    @Test
    void show_many_and_search_find_users_by_exact_identifiers() {
        var ada = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"external_id\":\"c1\"}}")
                .json().at("/user/id").asLong();
        zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Grace\",\"email\":\"grace@example.com\",\"external_id\":\"c2\"}}");

        assertThat(zendesk.get("/api/v2/users/show_many.json?external_ids=c2,missing").json().at("/users/0/name").asText()).isEqualTo("Grace");
        assertThat(zendesk.get("/api/v2/users/show_many?ids=" + ada).json().get("users")).hasSize(1);
        assertThat(zendesk.get("/api/v2/users/search.json?query=email:grace@example.com").json().at("/users/0/external_id").asText())
                .isEqualTo("c2");
        assertThat(zendesk.get("/api/v2/users/search?external_id=c1").json().at("/count").asInt()).isEqualTo(1);
        assertThat(zendesk.get("/api/v2/users/" + ada + ".json").json().at("/user/email").asText()).isEqualTo("ada@example.com");
        assertThat(zendesk.get("/api/v2/users/999").code()).isEqualTo(404);
    }

    @Test
    void tags_on_update_replace_the_users_tags() {
        zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada\",\"external_id\":\"c1\",\"tags\":[\"a\",\"b\"]}}");
        zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"external_id\":\"c1\",\"tags\":[\"c\"]}}");

        assertThat(zendesk.simulator.userByExternalId("c1").orElseThrow().tags()).containsExactly("c");
    }
}
