package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/** Organizations and organization memberships. */
final class OrganizationRoutes {
    private final Renderer renderer;
    private final ApiLimiter limiter;
    private final FieldDefinitions organizationFields;
    private final OrganizationDirectory organizations;
    private final UserDirectory users;

    OrganizationRoutes(Renderer renderer, ApiLimiter limiter, FieldDefinitions organizationFields, OrganizationDirectory organizations,
                       UserDirectory users) {
        this.renderer = renderer;
        this.limiter = limiter;
        this.organizationFields = organizationFields;
        this.organizations = organizations;
        this.users = users;
    }

    private JsonNode organization(Call call, Organization org) {
        return renderer.organization(org, organizationFields.all().stream().filter(Field::active).toList(), call.base());
    }

    private JsonNode memberships(Call call, List<Membership> list) {
        return renderer.list("organization_memberships", list.stream().map(membership -> (JsonNode) renderer.membership(membership,
                organizations.byId(membership.organizationId()).map(Organization::name).orElse(null), call.base())).toList());
    }

    void register(ApiRoutes api) {
        api.add("POST", "/api/v2/organizations/create_or_update", call -> {
            var node = call.body("organization");
            organizations.match(node).ifPresent(existing -> limiter.organizationUpdate(call, existing.id()));
            var outcome = organizations.upsert(node, call.now());
            call.ctx().header("Location", call.base() + "/api/v2/organizations/" + outcome.organization().id() + ".json");
            call.reply(outcome.created() ? 201 : 200, renderer.wrap("organization", organization(call, outcome.organization())));
        });
        api.add("GET", "/api/v2/organizations/show_many", call -> {
            var ids = call.listParam("ids");
            var found = ids.isEmpty()
                    ? call.listParam("external_ids").stream().map(organizations::byExternalId).flatMap(Optional::stream).toList()
                    : ids.stream().map(Call::parseId).map(organizations::byId).flatMap(Optional::stream).toList();
            call.reply(200, renderer.list("organizations", found.stream().map(org -> organization(call, org)).toList()));
        });
        api.add("GET", "/api/v2/organizations/search", call -> {
            var externalId = call.ctx().queryParam("external_id");
            var name = call.ctx().queryParam("name");
            var found = organizations.all().stream().filter(org -> externalId != null ? externalId.equalsIgnoreCase(org.externalId())
                    : name != null && org.name().equalsIgnoreCase(name)).toList();
            call.reply(200, renderer.list("organizations", found.stream().map(org -> organization(call, org)).toList()));
        });
        api.add("GET", "/api/v2/organizations", call -> call.reply(200, renderer.list("organizations",
                organizations.all().stream().map(org -> organization(call, org)).toList())));
        api.add("POST", "/api/v2/organizations", call -> {
            var created = organizations.create(call.body("organization"), call.now());
            call.ctx().header("Location", call.base() + "/api/v2/organizations/" + created.id() + ".json");
            call.reply(201, renderer.wrap("organization", organization(call, created)));
        });
        api.add("GET", "/api/v2/organizations/{id}", call -> call.reply(200, renderer.wrap("organization",
                organization(call, organizations.require(call.pathId("id"))))));
        api.add("PUT", "/api/v2/organizations/{id}", call -> {
            var id = call.pathId("id");
            organizations.require(id);
            var node = call.body("organization");
            limiter.organizationUpdate(call, id);
            call.reply(200, renderer.wrap("organization", organization(call, organizations.update(id, node, call.now()))));
        });
        api.add("DELETE", "/api/v2/organizations/{id}", call -> {
            organizations.delete(call.pathId("id"), call.now());
            call.noContent();
        });
        api.add("GET", "/api/v2/organizations/{id}/organization_memberships", call ->
                call.reply(200, memberships(call, organizations.membershipsOfOrganization(organizations.require(call.pathId("id")).id()))));

        api.add("GET", "/api/v2/organization_memberships", call -> call.reply(200, memberships(call, organizations.memberships())));
        api.add("POST", "/api/v2/organization_memberships", call -> createMembership(call, null));
        api.add("DELETE", "/api/v2/organization_memberships/{id}", call -> {
            organizations.deleteMembership(call.pathId("id"), call.now());
            call.noContent();
        });
        api.add("GET", "/api/v2/users/{id}/organization_memberships", call ->
                call.reply(200, memberships(call, organizations.membershipsOfUser(users.require(call.pathId("id")).id()))));
        api.add("POST", "/api/v2/users/{id}/organization_memberships", call -> createMembership(call, call.pathId("id")));
        api.add("DELETE", "/api/v2/users/{id}/organization_memberships/{membership}", call -> {
            var membership = organizations.memberships().stream().filter(each -> each.id() == call.pathId("membership")
                    && each.userId() == call.pathId("id")).findFirst().orElseThrow(ApiError::notFound);
            organizations.deleteMembership(membership.id(), call.now());
            call.noContent();
        });
        api.add("PUT", "/api/v2/users/{id}/organization_memberships/{membership}/make_default", call ->
                call.reply(200, memberships(call, organizations.makeDefault(call.pathId("id"), call.pathId("membership"), call.now()))));
    }

    private void createMembership(Call call, Long userId) {
        var node = call.body("organization_membership");
        var user = userId != null ? userId : node.path("user_id").asLong(-1);
        var membership = organizations.addMembership(user, node.path("organization_id").asLong(-1), call.now());
        call.ctx().header("Location", call.base() + "/api/v2/organization_memberships/" + membership.id() + ".json");
        call.reply(201, renderer.wrap("organization_membership", renderer.membership(membership,
                organizations.byId(membership.organizationId()).map(Organization::name).orElse(null), call.base())));
    }
}
