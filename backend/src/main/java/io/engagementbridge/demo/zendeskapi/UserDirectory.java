package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import static io.engagementbridge.demo.zendeskapi.FieldDefinitions.text;

/**
 * Users and their identities with Zendesk's write rules: create_or_update matches by external_id
 * (ignoring case, then storing the given case) or email; email is writable on create only (later
 * emails become secondary identities); an email owned by someone else is a DuplicateValue; user
 * field values must fit their field. Callers hold the simulator's lock.
 */
final class UserDirectory {
    private final Map<Long, String> locales = new java.util.HashMap<>();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
    private static final Set<String> ROLES = Set.of("end-user", "agent", "admin");

    record Upserted(User user, boolean created) {
    }

    private final FieldDefinitions fields;
    private final LongSupplier userIds;
    private final LongSupplier identityIds;
    private final Map<Long, User> users = new LinkedHashMap<>();
    private final Map<Long, Identity> identities = new LinkedHashMap<>();
    /** Lower-case external id → user id, and lower-case e-mail → identity id: a lookup must not scan every user (bulk jobs make 100 at a time). */
    private final Map<String, Long> userByExternalId = new java.util.HashMap<>();
    private final Map<String, Long> identityByEmail = new java.util.HashMap<>();

    UserDirectory(FieldDefinitions fields, LongSupplier userIds, LongSupplier identityIds) {
        this.fields = fields;
        this.userIds = userIds;
        this.identityIds = identityIds;
    }

    List<User> all() {
        return List.copyOf(users.values());
    }

    /** The user's language as given on create (e.g. "de"); placeholders are rendered in it. English when none. */
    String locale(long id) {
        return locales.getOrDefault(id, "en-US");
    }

    Optional<User> byId(long id) {
        return Optional.ofNullable(users.get(id));
    }

    User require(long id) {
        return byId(id).orElseThrow(ApiError::notFound);
    }

    Optional<User> byExternalId(String externalId) {
        return externalId == null ? Optional.empty() : Optional.ofNullable(userByExternalId.get(externalId.toLowerCase(Locale.ROOT))).map(users::get);
    }

    Optional<User> byEmail(String email) {
        return email == null ? Optional.empty() : Optional.ofNullable(identityByEmail.get(email.toLowerCase(Locale.ROOT))).map(identities::get).flatMap(identity -> byId(identity.userId()));
    }

    List<Identity> identities(long userId) {
        require(userId);
        return identities.values().stream().filter(identity -> identity.userId() == userId)
                .sorted(Comparator.comparing((Identity identity) -> !identity.primary()).thenComparing(Identity::id)).toList();
    }

    List<Identity> allIdentities() {
        return List.copyOf(identities.values());
    }

    /** The user a create_or_update body names, if any. */
    Optional<User> match(JsonNode node) {
        var externalId = text(node, "external_id");
        var email = text(node, "email");
        var byExternal = externalId == null ? Optional.<User>empty() : byExternalId(externalId);
        return byExternal.isPresent() ? byExternal : email == null ? Optional.empty() : byEmail(email);
    }

    /** The per-user limit's key for a create_or_update body: the existing user, else the identifier it would create. */
    String limitKey(JsonNode node) {
        return match(node).map(user -> "user:" + user.id()).orElseGet(() -> "new:"
                + String.valueOf(text(node, "external_id") != null ? text(node, "external_id") : text(node, "email")).toLowerCase(Locale.ROOT));
    }

    Upserted upsert(JsonNode node, Instant now) {
        var externalId = text(node, "external_id");
        var email = text(node, "email");
        var byExternal = externalId == null ? Optional.<User>empty() : byExternalId(externalId);
        var byMail = email == null ? Optional.<User>empty() : byEmail(email);
        if (byExternal.isPresent() && byMail.isPresent() && byExternal.get().id() != byMail.get().id()) {
            throw ApiError.duplicate("email", "Email: " + email + " is already being used by another user");
        }
        var existing = byExternal.or(() -> byMail);
        if (existing.isPresent()) {
            return new Upserted(update(existing.get().id(), node, now), false);
        }
        return new Upserted(create(node, now), true);
    }

    User create(JsonNode node, Instant now) {
        return create(node, now, userIds);
    }

    /** As {@link #create}, keeping the owner's chosen id (seeding); the id must be free. */
    User createWithId(long id, JsonNode node, Instant now) {
        if (users.containsKey(id)) {
            throw new IllegalArgumentException("user " + id + " already exists");
        }
        return create(node, now, () -> id);
    }

    private User create(JsonNode node, Instant now, LongSupplier ids) {
        var problems = new LinkedHashMap<String, String>();
        var name = text(node, "name");
        if (name == null || name.isBlank()) {
            problems.put("name", "Name: is too short (minimum is 1 characters)");
        }
        var email = text(node, "email");
        checkEmail(email, -1, problems);
        var externalId = text(node, "external_id");
        checkExternalId(externalId, -1);
        var role = checkedRole(node, "end-user", problems);
        var values = fields.merge(node.path("user_fields"), Map.of(), problems);
        var extraIdentities = new ArrayList<JsonNode>();
        node.path("identities").forEach(identity -> {
            if ("email".equals(text(identity, "type"))) {
                checkEmail(text(identity, "value"), -1, problems);
            }
            extraIdentities.add(identity);
        });
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        var id = ids.getAsLong();
        var verified = node.path("verified").asBoolean(false);
        var tags = withCheckboxTags(tags(node.path("tags"), List.of()), node.path("user_fields"), values);
        var user = new User(id, name.trim(), email == null ? null : email.toLowerCase(Locale.ROOT), externalId, role, verified, true,
                tags, values, longOrNull(node, "organization_id"), text(node, "phone"), text(node, "notes"), text(node, "details"),
                text(node, "alias"), text(node, "time_zone"), now, now);
        users.put(id, user);
        if (externalId != null) {
            userByExternalId.put(externalId.toLowerCase(Locale.ROOT), id);
        }
        if (text(node, "locale") != null) {
            locales.put(id, text(node, "locale"));
        }
        if (email != null) {
            addIdentity(id, "email", email.toLowerCase(Locale.ROOT), verified, true, now);
        }
        for (var identity : extraIdentities) {
            var type = text(identity, "type");
            var value = text(identity, "value");
            if (type != null && value != null && (!type.equals("email") || byEmail(value).isEmpty())) {
                var primary = type.equals("email") && email == null && identities(id).stream().noneMatch(Identity::primary);
                addIdentity(id, type, type.equals("email") ? value.toLowerCase(Locale.ROOT) : value, identity.path("verified").asBoolean(verified), primary, now);
            }
        }
        if (email == null) {
            identities(id).stream().filter(identity -> identity.primary() && identity.type().equals("email")).findFirst()
                    .ifPresent(primary -> users.put(id, withEmail(users.get(id), primary.value(), now)));
        }
        return users.get(id);
    }

    User update(long id, JsonNode node, Instant now) {
        var old = require(id);
        var problems = new LinkedHashMap<String, String>();
        var name = node.has("name") ? text(node, "name") : old.name();
        if (name == null || name.isBlank()) {
            problems.put("name", "Name: is too short (minimum is 1 characters)");
        }
        var email = text(node, "email");
        checkEmail(email, id, problems);
        var externalId = node.has("external_id") ? text(node, "external_id") : old.externalId();
        checkExternalId(externalId, id);
        var role = checkedRole(node, old.role(), problems);
        var values = fields.merge(node.path("user_fields"), old.userFields(), problems);
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        var verifiedGiven = node.has("verified");
        var verified = node.path("verified").asBoolean(old.verified());
        if (email != null && byEmail(email).isEmpty()) {
            // Email is writable on create only: a new one becomes a secondary identity.
            addIdentity(id, "email", email.toLowerCase(Locale.ROOT), verified && verifiedGiven, old.email() == null, now);
        } else if (email == null && verifiedGiven) {
            identities.values().stream().filter(identity -> identity.userId() == id && identity.primary()).findFirst()
                    .ifPresent(primary -> identities.put(primary.id(), new Identity(primary.id(), id, primary.type(), primary.value(),
                            verified, true, primary.createdAt(), now)));
        }
        var primaryEmail = old.email() != null ? old.email() : (email == null ? null : email.toLowerCase(Locale.ROOT));
        var tags = withCheckboxTags(node.has("tags") ? tags(node.path("tags"), List.of()) : old.tags(), node.path("user_fields"), values);
        var user = new User(id, name.trim(), primaryEmail, externalId, role, email == null && verifiedGiven ? verified : old.verified(),
                old.active(), tags, values, node.has("organization_id") ? longOrNull(node, "organization_id") : old.organizationId(),
                textOr(node, "phone", old.phone()), textOr(node, "notes", old.notes()), textOr(node, "details", old.details()),
                textOr(node, "alias", old.alias()), textOr(node, "time_zone", old.timeZone()), old.createdAt(), now);
        users.put(id, user);
        if (old.externalId() != null) {
            userByExternalId.remove(old.externalId().toLowerCase(Locale.ROOT));
        }
        if (externalId != null) {
            userByExternalId.put(externalId.toLowerCase(Locale.ROOT), id);
        }
        return user;
    }

    /** Soft delete, as DELETE /api/v2/users/{id} does. */
    User deactivate(long id, Instant now) {
        var old = require(id);
        var user = new User(id, old.name(), old.email(), old.externalId(), old.role(), old.verified(), false, old.tags(), old.userFields(),
                old.organizationId(), old.phone(), old.notes(), old.details(), old.alias(), old.timeZone(), old.createdAt(), now);
        users.put(id, user);
        return user;
    }

    void setOrganization(long userId, Long organizationId, Instant now) {
        var old = require(userId);
        users.put(userId, new User(userId, old.name(), old.email(), old.externalId(), old.role(), old.verified(), old.active(), old.tags(),
                old.userFields(), organizationId, old.phone(), old.notes(), old.details(), old.alias(), old.timeZone(), old.createdAt(), now));
    }

    Identity addIdentity(long userId, JsonNode node, Instant now) {
        require(userId);
        var type = text(node, "type");
        var value = text(node, "value");
        if (type == null || value == null || value.isBlank()) {
            throw ApiError.invalid("value", "Value: cannot be blank");
        }
        if (type.equals("email")) {
            var problems = new LinkedHashMap<String, String>();
            checkEmail(value, userId, problems);
            if (!problems.isEmpty()) {
                throw ApiError.invalid(problems);
            }
            var owner = byEmail(value);
            if (owner.isPresent()) {
                throw ApiError.duplicate("value", "Value: " + value + " is already being used by another user");
            }
        }
        var noPrimary = identities(userId).stream().noneMatch(Identity::primary);
        var identity = addIdentity(userId, type, type.equals("email") ? value.toLowerCase(Locale.ROOT) : value,
                node.path("verified").asBoolean(false), noPrimary && type.equals("email"), now);
        if (identity.primary()) {
            users.put(userId, withEmail(users.get(userId), identity.value(), now));
        }
        return identity;
    }

    List<Identity> makePrimary(long userId, long identityId, Instant now) {
        var chosen = identities.get(identityId);
        if (chosen == null || chosen.userId() != userId) {
            throw ApiError.notFound();
        }
        for (var identity : identities(userId)) {
            if (identity.type().equals(chosen.type()) && identity.primary() != (identity.id() == identityId)) {
                identities.put(identity.id(), new Identity(identity.id(), userId, identity.type(), identity.value(), identity.verified(),
                        identity.id() == identityId, identity.createdAt(), now));
            }
        }
        if (chosen.type().equals("email")) {
            users.put(userId, withEmail(users.get(userId), chosen.value(), now));
        }
        return identities(userId);
    }

    void deleteIdentity(long userId, long identityId) {
        var identity = identities.get(identityId);
        if (identity == null || identity.userId() != userId) {
            throw ApiError.notFound();
        }
        if (identity.primary()) {
            throw ApiError.of(403, "Forbidden", "A primary identity cannot be deleted; make another identity primary first.");
        }
        identities.remove(identityId);
        if (identity.type().equals("email")) {
            identityByEmail.remove(identity.value().toLowerCase(Locale.ROOT));
        }
    }

    /** Users whose name or email contains {@code text} (Zendesk search matches partial values). */
    List<User> search(String text) {
        var needle = text.toLowerCase(Locale.ROOT);
        return users.values().stream().filter(user -> user.name().toLowerCase(Locale.ROOT).contains(needle)
                || identities.values().stream().anyMatch(identity -> identity.userId() == user.id()
                && identity.value().toLowerCase(Locale.ROOT).contains(needle))).toList();
    }

    private Identity addIdentity(long userId, String type, String value, boolean verified, boolean primary, Instant now) {
        var identity = new Identity(identityIds.getAsLong(), userId, type, value, verified, primary, now, now);
        identities.put(identity.id(), identity);
        if (type.equals("email")) {
            identityByEmail.putIfAbsent(value.toLowerCase(Locale.ROOT), identity.id());
        }
        return identity;
    }

    private void checkEmail(String email, long owner, Map<String, String> problems) {
        if (email == null) {
            return;
        }
        if (!EMAIL.matcher(email.trim()).matches()) {
            problems.put("email", "Email: " + email + " is not properly formatted");
            return;
        }
        var user = byEmail(email.trim());
        if (user.isPresent() && user.get().id() != owner) {
            throw ApiError.duplicate("email", "Email: " + email + " is already being used by another user");
        }
    }

    private void checkExternalId(String externalId, long owner) {
        if (externalId == null) {
            return;
        }
        var user = byExternalId(externalId);
        if (user.isPresent() && user.get().id() != owner) {
            throw ApiError.duplicate("external_id", "External: " + externalId + " has already been taken");
        }
    }

    private static String checkedRole(JsonNode node, String fallback, Map<String, String> problems) {
        var role = textOr(node, "role", fallback);
        if (!ROLES.contains(role)) {
            problems.put("role", "Role: " + role + " is not a valid role (end-user, agent or admin)");
        }
        return role;
    }

    /** Setting a checkbox field that has a tag adds that tag; clearing it removes the tag. */
    private List<String> withCheckboxTags(List<String> tags, JsonNode given, Map<String, Object> values) {
        var result = new LinkedHashSet<>(tags);
        if (given.isObject()) {
            given.properties().forEach(entry -> fields.byKey(entry.getKey())
                    .filter(field -> field.type().equals("checkbox") && field.tag() != null && !field.tag().isBlank())
                    .ifPresent(field -> {
                        if (Boolean.TRUE.equals(values.get(field.key()))) {
                            result.add(field.tag());
                        } else {
                            result.remove(field.tag());
                        }
                    }));
        }
        return List.copyOf(result);
    }

    static List<String> tags(JsonNode node, List<String> fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        var tags = new LinkedHashSet<String>();
        for (var tag : node.isArray() ? node : List.of(node)) {
            for (var part : tag.asText().trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    tags.add(part.toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(tags);
    }

    private static User withEmail(User old, String email, Instant now) {
        return new User(old.id(), old.name(), email, old.externalId(), old.role(), old.verified(), old.active(), old.tags(), old.userFields(),
                old.organizationId(), old.phone(), old.notes(), old.details(), old.alias(), old.timeZone(), old.createdAt(), now);
    }

    private static Long longOrNull(JsonNode node, String name) {
        var value = node.get(name);
        return value == null || value.isNull() ? null : value.asLong();
    }

    private static String textOr(JsonNode node, String name, String fallback) {
        return node.has(name) ? text(node, name) : fallback;
    }
}
