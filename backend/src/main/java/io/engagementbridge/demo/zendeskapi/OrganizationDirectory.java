package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import static io.engagementbridge.demo.zendeskapi.FieldDefinitions.text;

/**
 * Organizations and memberships with Zendesk's rules: create_or_update matches by id or external_id
 * (never by name), names are unique, domain_names are replaced on update; a user's first membership
 * is the default and sets the user's organization_id. Callers hold the simulator's lock.
 */
final class OrganizationDirectory {
    record Upserted(Organization organization, boolean created) {
    }

    private final FieldDefinitions fields;
    private final UserDirectory users;
    private final LongSupplier ids;
    private final Map<Long, Organization> organizations = new LinkedHashMap<>();
    private final Map<Long, Membership> memberships = new LinkedHashMap<>();

    OrganizationDirectory(FieldDefinitions fields, UserDirectory users, LongSupplier ids) {
        this.fields = fields;
        this.users = users;
        this.ids = ids;
    }

    List<Organization> all() {
        return List.copyOf(organizations.values());
    }

    Optional<Organization> byId(long id) {
        return Optional.ofNullable(organizations.get(id));
    }

    Organization require(long id) {
        return byId(id).orElseThrow(ApiError::notFound);
    }

    Optional<Organization> byExternalId(String externalId) {
        return organizations.values().stream().filter(org -> org.externalId() != null && org.externalId().equalsIgnoreCase(externalId)).findFirst();
    }

    /** The organization a create_or_update body names (by id or external_id), if any. */
    Optional<Organization> match(JsonNode node) {
        if (node.hasNonNull("id")) {
            return byId(node.get("id").asLong());
        }
        var externalId = text(node, "external_id");
        return externalId == null ? Optional.empty() : byExternalId(externalId);
    }

    Upserted upsert(JsonNode node, Instant now) {
        var existing = match(node);
        return existing.isPresent() ? new Upserted(update(existing.get().id(), node, now), false) : new Upserted(create(node, now), true);
    }

    Organization create(JsonNode node, Instant now) {
        var name = text(node, "name");
        var problems = new LinkedHashMap<String, String>();
        if (name == null || name.isBlank()) {
            problems.put("name", "Name: cannot be blank");
        }
        var values = fields.merge(node.path("organization_fields"), Map.of(), problems);
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        checkUnique(name, text(node, "external_id"), -1);
        var id = ids.getAsLong();
        var org = new Organization(id, name.trim(), text(node, "external_id"), strings(node.path("domain_names")),
                UserDirectory.tags(node.path("tags"), List.of()), values, text(node, "details"), text(node, "notes"), now, now);
        organizations.put(id, org);
        return org;
    }

    Organization update(long id, JsonNode node, Instant now) {
        var old = require(id);
        var problems = new LinkedHashMap<String, String>();
        var name = node.has("name") ? text(node, "name") : old.name();
        if (name == null || name.isBlank()) {
            problems.put("name", "Name: cannot be blank");
        }
        var values = fields.merge(node.path("organization_fields"), old.organizationFields(), problems);
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        var externalId = node.has("external_id") ? text(node, "external_id") : old.externalId();
        checkUnique(name, externalId, id);
        var org = new Organization(id, name.trim(), externalId,
                node.has("domain_names") ? strings(node.get("domain_names")) : old.domainNames(),
                node.has("tags") ? UserDirectory.tags(node.get("tags"), List.of()) : old.tags(), values,
                node.has("details") ? text(node, "details") : old.details(), node.has("notes") ? text(node, "notes") : old.notes(),
                old.createdAt(), now);
        organizations.put(id, org);
        return org;
    }

    void delete(long id, Instant now) {
        require(id);
        organizations.remove(id);
        for (var membership : List.copyOf(memberships.values())) {
            if (membership.organizationId() == id) {
                deleteMembership(membership.id(), now);
            }
        }
    }

    // ---- memberships -------------------------------------------------------------------------------

    List<Membership> memberships() {
        return List.copyOf(memberships.values());
    }

    List<Membership> membershipsOfUser(long userId) {
        return memberships.values().stream().filter(membership -> membership.userId() == userId).toList();
    }

    List<Membership> membershipsOfOrganization(long organizationId) {
        return memberships.values().stream().filter(membership -> membership.organizationId() == organizationId).toList();
    }

    Membership addMembership(long userId, long organizationId, Instant now) {
        if (users.byId(userId).isEmpty()) {
            throw ApiError.invalid("user_id", "User: is invalid");
        }
        if (byId(organizationId).isEmpty()) {
            throw ApiError.invalid("organization_id", "Organization: is invalid");
        }
        if (membershipsOfUser(userId).stream().anyMatch(membership -> membership.organizationId() == organizationId)) {
            throw ApiError.duplicate("user_id", "User: is already a member of this organization");
        }
        var first = membershipsOfUser(userId).isEmpty();
        var membership = new Membership(ids.getAsLong(), userId, organizationId, first, now, now);
        memberships.put(membership.id(), membership);
        if (first) {
            users.setOrganization(userId, organizationId, now);
        }
        return membership;
    }

    void deleteMembership(long id, Instant now) {
        var removed = memberships.remove(id);
        if (removed == null) {
            throw ApiError.notFound();
        }
        if (removed.isDefault()) {
            var next = membershipsOfUser(removed.userId()).stream().findFirst();
            next.ifPresent(membership -> memberships.put(membership.id(), withDefault(membership, true, now)));
            users.setOrganization(removed.userId(), next.map(Membership::organizationId).orElse(null), now);
        }
    }

    List<Membership> makeDefault(long userId, long membershipId, Instant now) {
        var chosen = memberships.get(membershipId);
        if (chosen == null || chosen.userId() != userId) {
            throw ApiError.notFound();
        }
        for (var membership : membershipsOfUser(userId)) {
            memberships.put(membership.id(), withDefault(membership, membership.id() == membershipId, now));
        }
        users.setOrganization(userId, chosen.organizationId(), now);
        return membershipsOfUser(userId);
    }

    /** Setting a user's organization_id makes it the default and removes every other membership. */
    void replaceMemberships(long userId, Long organizationId, Instant now) {
        memberships.values().removeIf(membership -> membership.userId() == userId);
        users.setOrganization(userId, null, now);
        if (organizationId != null && byId(organizationId).isPresent()) {
            addMembership(userId, organizationId, now);
        }
    }

    private static Membership withDefault(Membership membership, boolean isDefault, Instant now) {
        return new Membership(membership.id(), membership.userId(), membership.organizationId(), isDefault, membership.createdAt(), now);
    }

    private void checkUnique(String name, String externalId, long owner) {
        for (var org : organizations.values()) {
            if (org.id() != owner && org.name().equalsIgnoreCase(name.trim())) {
                throw ApiError.duplicate("name", "Name: " + name + " has already been taken");
            }
            if (org.id() != owner && externalId != null && externalId.equalsIgnoreCase(org.externalId())) {
                throw ApiError.duplicate("external_id", "External: " + externalId + " has already been taken");
            }
        }
    }

    private static List<String> strings(JsonNode node) {
        var list = new ArrayList<String>();
        node.forEach(item -> list.add(item.asText()));
        return List.copyOf(list);
    }
}
