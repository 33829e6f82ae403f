package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Organizations and organization memberships. */
final class OrganizationRoutes {
    private static final int MAX_BULK_MEMBERSHIPS = 100;

    private final ObjectMapper mapper;
    private final Jobs jobs;
    private final Renderer renderer;
    private final ApiLimiter limiter;
    private final FieldDefinitions organizationFields;
    private final OrganizationDirectory organizations;
    private final UserDirectory users;

    OrganizationRoutes(ObjectMapper mapper, Renderer renderer, ApiLimiter limiter, FieldDefinitions organizationFields,
                       OrganizationDirectory organizations, UserDirectory users, Jobs jobs) {
        this.mapper = mapper;
        this.jobs = jobs;
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
        api.add("POST", "/api/v2/organization_memberships/create_many", this::createMany);
        api.add("DELETE", "/api/v2/organization_memberships/destroy_many", this::destroyMany);
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

    /** Create Many Memberships: a job that adds each membership (at most 100). */
    private void createMany(Call call) {
        var list = call.body().get("organization_memberships");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_BULK_MEMBERSHIPS) {
            throw ApiError.badRequest("Parameter 'organization_memberships' is required: a list of 1 to " + MAX_BULK_MEMBERSHIPS + " memberships.");
        }
        limiter.jobSlot(call, jobs);
        var rows = new ArrayList<JsonNode>();
        list.forEach(rows::add);
        var job = jobs.submit("Bulk Create Organization Memberships", rows, (row, at) -> membershipRow(() ->
                organizations.addMembership(row.path("user_id").asLong(-1), row.path("organization_id").asLong(-1), at).id(), "Created"), call.now());
        call.reply(200, renderer.wrap("job_status", renderer.job(job, call.base())));
    }

    /** Bulk Delete Memberships: a job that removes each membership named in {@code ids} (at most 100). */
    private void destroyMany(Call call) {
        var ids = call.listParam("ids");
        if (ids.isEmpty() || ids.size() > MAX_BULK_MEMBERSHIPS) {
            throw ApiError.badRequest("Parameter 'ids' is required: 1 to " + MAX_BULK_MEMBERSHIPS + " membership ids.");
        }
        limiter.jobSlot(call, jobs);
        var rows = ids.stream().map(id -> (JsonNode) mapper.createObjectNode().put("id", Call.parseId(id))).toList();
        var job = jobs.submit("Bulk Delete Organization Memberships", rows, (row, at) -> membershipRow(() -> {
            organizations.deleteMembership(row.path("id").asLong(), at);
            return row.path("id").asLong();
        }, "Deleted"), call.now());
        call.reply(200, renderer.wrap("job_status", renderer.job(job, call.base())));
    }

    private Map<String, Object> membershipRow(LongSupplier action, String done) {
        var result = new LinkedHashMap<String, Object>();
        try {
            result.put("id", action.getAsLong());
            result.put("status", done);
            result.put("success", true);
        } catch (ApiError error) {
            result.put("error", error.status() == 404 ? "MembershipNotFound" : "MembershipError");
            result.put("details", error.describe(mapper));
            result.put("status", "Failed");
            result.put("success", false);
        }
        return result;
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
