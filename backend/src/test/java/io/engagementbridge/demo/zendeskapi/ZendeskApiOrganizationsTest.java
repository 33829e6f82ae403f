package io.engagementbridge.demo.zendeskapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ZendeskApiOrganizationsTest {
    private final SimulatorHarness zendesk = new SimulatorHarness();

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void organization_create_or_update_matches_by_external_id_never_by_name() {
        var created = zendesk.post("/api/v2/organizations/create_or_update.json",
                "{\"organization\":{\"name\":\"Acme\",\"external_id\":\"acc-1\",\"domain_names\":[\"acme.example\"]}}");
        assertThat(created.code()).isEqualTo(201);

        var updated = zendesk.post("/api/v2/organizations/create_or_update",
                "{\"organization\":{\"name\":\"Acme Inc\",\"external_id\":\"ACC-1\",\"domain_names\":[\"acme.test\"]}}");
        assertThat(updated.code()).isEqualTo(200);
        assertThat(zendesk.simulator.organizationByExternalId("acc-1").orElseThrow().domainNames()).containsExactly("acme.test");

        var sameName = zendesk.post("/api/v2/organizations/create_or_update", "{\"organization\":{\"name\":\"Acme Inc\",\"external_id\":\"acc-2\"}}");
        assertThat(sameName.code()).isEqualTo(422);
        assertThat(sameName.json().at("/details/name/0/error").asText()).isEqualTo("DuplicateValue");
        assertThat(zendesk.simulator.organizations()).hasSize(1);
    }

    @Test
    void the_first_membership_is_the_default_and_removing_it_promotes_the_next() {
        var user = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada\",\"external_id\":\"c1\"}}").json().at("/user/id").asLong();
        var acme = org("Acme", "acc-1");
        var globex = org("Globex", "acc-2");

        var first = zendesk.post("/api/v2/organization_memberships.json",
                "{\"organization_membership\":{\"user_id\":" + user + ",\"organization_id\":" + acme + "}}");
        var second = zendesk.post("/api/v2/users/" + user + "/organization_memberships",
                "{\"organization_membership\":{\"organization_id\":" + globex + "}}");
        assertThat(first.code()).isEqualTo(201);
        assertThat(first.json().at("/organization_membership/default").asBoolean()).isTrue();
        assertThat(second.json().at("/organization_membership/default").asBoolean()).isFalse();
        assertThat(zendesk.simulator.user(user).orElseThrow().organizationId()).isEqualTo(acme);
        assertThat(zendesk.post("/api/v2/organization_memberships",
                "{\"organization_membership\":{\"user_id\":" + user + ",\"organization_id\":" + acme + "}}").code()).isEqualTo(422);

        var deleted = zendesk.delete("/api/v2/organization_memberships/" + first.json().at("/organization_membership/id").asLong());

        assertThat(deleted.code()).isEqualTo(204);
        assertThat(zendesk.simulator.memberships()).singleElement().satisfies(membership -> assertThat(membership.isDefault()).isTrue());
        assertThat(zendesk.simulator.user(user).orElseThrow().organizationId()).isEqualTo(globex);
        assertThat(zendesk.get("/api/v2/users/" + user + "/organization_memberships").json().at("/count").asInt()).isEqualTo(1);
    }

    @Test
    void setting_a_users_organization_id_removes_every_other_membership() {
        var user = zendesk.post("/api/v2/users/create_or_update", "{\"user\":{\"name\":\"Ada\",\"external_id\":\"c1\"}}").json().at("/user/id").asLong();
        var acme = org("Acme", "acc-1");
        var globex = org("Globex", "acc-2");
        zendesk.post("/api/v2/users/" + user + "/organization_memberships", "{\"organization_membership\":{\"organization_id\":" + acme + "}}");

        var reply = zendesk.put("/api/v2/users/" + user, "{\"user\":{\"organization_id\":" + globex + "}}");

        assertThat(reply.json().at("/user/organization_id").asLong()).isEqualTo(globex);
        assertThat(zendesk.simulator.memberships()).singleElement().satisfies(membership -> {
            assertThat(membership.organizationId()).isEqualTo(globex);
            assertThat(membership.isDefault()).isTrue();
        });
    }

    private long org(String name, String externalId) {
        return zendesk.post("/api/v2/organizations", "{\"organization\":{\"name\":\"" + name + "\",\"external_id\":\"" + externalId + "\"}}")
                .json().at("/organization/id").asLong();
    }
}
