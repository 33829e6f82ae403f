package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Users, identities, bulk create_or_update jobs and job statuses. */
final class UserRoutes {
    private static final int MAX_BULK_USERS = 100;

    private final ObjectMapper mapper;
    private final Renderer renderer;
    private final ApiLimiter limiter;
    private final Faults faults;
    private final FieldDefinitions userFields;
    private final UserDirectory users;
    private final OrganizationDirectory organizations;
    private final Jobs jobs;

    UserRoutes(ObjectMapper mapper, Renderer renderer, ApiLimiter limiter, Faults faults, FieldDefinitions userFields, UserDirectory users,
               OrganizationDirectory organizations, Jobs jobs) {
        this.mapper = mapper;
        this.renderer = renderer;
        this.limiter = limiter;
        this.faults = faults;
        this.userFields = userFields;
        this.users = users;
        this.organizations = organizations;
        this.jobs = jobs;
    }

    void register(ApiRoutes api) {
        api.add("POST", "/api/v2/users/create_or_update", this::createOrUpdateUser);
        api.add("POST", "/api/v2/users/create_or_update_many", this::createOrUpdateMany);
        api.add("GET", "/api/v2/users/show_many", this::showManyUsers);
        api.add("GET", "/api/v2/users/search", this::searchUsers);
        api.add("GET", "/api/v2/users", this::listUsers);
        api.add("POST", "/api/v2/users", this::createUser);
        api.add("GET", "/api/v2/users/me", this::me);
        api.add("GET", "/api/v2/users/{id}", call -> call.reply(200, renderer.wrap("user", user(call, users.require(call.pathId("id"))))));
        api.add("PUT", "/api/v2/users/{id}", this::updateUser);
        api.add("DELETE", "/api/v2/users/{id}", call -> call.reply(200,
                renderer.wrap("user", user(call, users.deactivate(call.pathId("id"), call.now())))));
        api.add("GET", "/api/v2/users/{id}/identities", call -> call.reply(200, renderer.list("identities",
                users.identities(call.pathId("id")).stream().map(identity -> renderer.identity(identity, call.base())).toList())));
        api.add("POST", "/api/v2/users/{id}/identities", call -> call.reply(201, renderer.wrap("identity",
                renderer.identity(users.addIdentity(call.pathId("id"), call.body("identity"), call.now()), call.base()))));
        api.add("PUT", "/api/v2/users/{id}/identities/{identity}/make_primary", call -> call.reply(200, renderer.list("identities",
                users.makePrimary(call.pathId("id"), call.pathId("identity"), call.now()).stream()
                        .map(identity -> renderer.identity(identity, call.base())).toList())));
        api.add("DELETE", "/api/v2/users/{id}/identities/{identity}", call -> {
            users.deleteIdentity(call.pathId("id"), call.pathId("identity"));
            call.noContent();
        });

        // List Job Statuses: the account's recent jobs, newest first.
        api.add("GET", "/api/v2/job_statuses", call -> {
            var all = new ArrayList<>(jobs.all(call.now()));
            java.util.Collections.reverse(all);
            call.reply(200, renderer.list("job_statuses", all.stream().map(job -> (JsonNode) renderer.job(job, call.base())).toList()));
        });
        api.add("GET", "/api/v2/job_statuses/show_many", call -> call.reply(200, renderer.list("job_statuses",
                call.listParam("ids").stream().map(id -> jobs.find(id, call.now())).flatMap(Optional::stream)
                        .map(job -> (JsonNode) renderer.job(job, call.base())).toList())));
        api.add("GET", "/api/v2/job_statuses/{id}", call -> call.reply(200, renderer.wrap("job_status",
                renderer.job(jobs.find(call.pathText("id"), call.now()).orElseThrow(ApiError::notFound), call.base()))));
    }

    private JsonNode user(Call call, User user) {
        return renderer.user(user, userFields.all().stream().filter(Field::active).toList(), call.base());
    }

    private void createOrUpdateUser(Call call) {
        var node = call.body("user");
        limiter.userWrite(call, users.limitKey(node));
        var outcome = users.upsert(node, call.now());
        organizationFromUser(node, outcome.user(), call.now());
        if (outcome.created()) {
            // Later writes are keyed by the new user's id; this one counts for it too.
            limiter.createdUser(outcome.user().id(), call.now());
        }
        call.ctx().header("Location", call.base() + "/api/v2/users/" + outcome.user().id() + ".json");
        call.reply(outcome.created() ? 201 : 200, renderer.wrap("user", user(call, users.require(outcome.user().id()))));
    }

    private void updateUser(Call call) {
        var id = call.pathId("id");
        users.require(id);
        var node = call.body("user");
        limiter.userWrite(call, "user:" + id);
        var updated = users.update(id, node, call.now());
        organizationFromUser(node, updated, call.now());
        call.reply(200, renderer.wrap("user", user(call, users.require(id))));
    }

    private void createUser(Call call) {
        var node = call.body("user");
        var created = users.create(node, call.now());
        organizationFromUser(node, created, call.now());
        created = users.require(created.id());
        call.ctx().header("Location", call.base() + "/api/v2/users/" + created.id() + ".json");
        call.reply(201, renderer.wrap("user", user(call, created)));
    }

    private void createOrUpdateMany(Call call) {
        if (!faults.bulkImportsEnabled()) {
            throw ApiError.of(403, "Forbidden", "Bulk user imports are not enabled for this account. Contact Zendesk Customer Support to enable them.");
        }
        var list = call.body().get("users");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiError.badRequest("Parameter 'users' is required and must be a non-empty array.");
        }
        if (list.size() > MAX_BULK_USERS) {
            throw ApiError.badRequest("Too many users: at most " + MAX_BULK_USERS + " per request (got " + list.size() + ").");
        }
        limiter.jobSlot(call, jobs);
        var rows = new ArrayList<JsonNode>();
        list.forEach(rows::add);
        var job = jobs.submit("Bulk Create Or Update User", rows, this::upsertRow, call.now());
        call.reply(200, renderer.wrap("job_status", renderer.job(job, call.base())));
    }

    /** A user's organization_id becomes the default membership and removes every other one. */
    private void organizationFromUser(JsonNode node, User user, Instant now) {
        if (node.has("organization_id")) {
            organizations.replaceMemberships(user.id(), node.get("organization_id").isNull() ? null : node.get("organization_id").asLong(), now);
        }
    }

    private Map<String, Object> upsertRow(JsonNode row, Instant at) {
        var result = new LinkedHashMap<String, Object>();
        var existed = row.isObject() && users.match(row).isPresent();
        try {
            if (!row.isObject()) {
                throw ApiError.badRequest("Each user must be an object");
            }
            var outcome = users.upsert(row, at);
            organizationFromUser(row, outcome.user(), at);
            result.put("id", outcome.user().id());
            result.put("status", outcome.created() ? "Created" : "Updated");
            result.put("action", outcome.created() ? "create" : "update");
            result.put("success", true);
        } catch (ApiError error) {
            result.put("error", existed ? "UserUpdateError" : "UserCreateError");
            result.put("details", error.describe(mapper));
            result.put("status", "Failed");
            result.put("success", false);
        }
        if (row.hasNonNull("external_id")) {
            result.put("external_id", row.get("external_id").asText());
        } else if (row.hasNonNull("email")) {
            result.put("email", row.get("email").asText());
        }
        return result;
    }

    /** A job row's error text: the descriptions of a RecordInvalid, joined. */
    private void showManyUsers(Call call) {
        var ids = call.listParam("ids");
        var externalIds = call.listParam("external_ids");
        if (ids.isEmpty() == externalIds.isEmpty()) {
            throw ApiError.badRequest("Send exactly one of 'ids' or 'external_ids'.");
        }
        var found = ids.isEmpty()
                ? externalIds.stream().map(users::byExternalId).flatMap(Optional::stream).toList()
                : ids.stream().map(Call::parseId).map(users::byId).flatMap(Optional::stream).toList();
        call.reply(200, renderer.list("users", found.stream().map(found1 -> user(call, found1)).toList()));
    }

    private void searchUsers(Call call) {
        var externalId = call.ctx().queryParam("external_id");
        var query = call.ctx().queryParam("query");
        List<User> found;
        if (externalId != null) {
            found = users.byExternalId(externalId).stream().toList();
        } else if (query != null && !query.isBlank()) {
            var q = query.trim();
            if (q.toLowerCase(Locale.ROOT).startsWith("email:")) {
                found = users.byEmail(unquote(q.substring(6))).stream().toList();
            } else if (q.toLowerCase(Locale.ROOT).startsWith("external_id:")) {
                found = users.byExternalId(unquote(q.substring(12))).stream().toList();
            } else {
                found = users.search(unquote(q));
            }
        } else {
            throw ApiError.badRequest("Send 'query' or 'external_id'.");
        }
        call.reply(200, renderer.list("users", found.stream().map(each -> user(call, each)).toList()));
    }

    private void listUsers(Call call) {
        var externalId = call.ctx().queryParam("external_id");
        var found = externalId == null ? users.all() : users.byExternalId(externalId).stream().toList();
        call.reply(200, renderer.list("users", found.stream().map(each -> user(call, each)).toList()));
    }

    private static String unquote(String value) {
        var trimmed = value.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    /** GET /api/v2/users/me: the agent whose API token or OAuth approval made the call (an admin in the simulator). */
    private void me(Call call) {
        var me = call.mapper().createObjectNode();
        var email = call.caller().kind().equals("api_token") ? call.caller().subject() : "admin@simulated.zendesk";
        var known = users.byEmail(email);
        me.put("id", known.map(User::id).orElse(1L)).put("name", known.map(User::name).orElse("Simulated Admin")).put("email", email)
                .put("role", "admin").put("active", true);
        call.reply(200, renderer.wrap("user", me));
    }
}
