package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.engagementbridge.demo.zendeskapi.FieldDefinitions.text;

/**
 * Tickets with Zendesk's write rules (Idempotency-Key on create, safe_update on update, tags from the
 * requester, drop-down values as tags) and the trigger cycle that runs after each create and update:
 * triggers in position order, each firing at most once, the cycle restarting after every firing.
 * Callers hold the simulator's lock.
 */
final class TicketDesk {
    static final Set<String> STATUSES = Set.of("new", "open", "pending", "hold", "solved", "closed");
    static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    static final Set<String> TYPES = Set.of("problem", "incident", "question", "task");
    private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(2);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    /** A webhook to notify once the ticket is saved, with its body already rendered. */
    record Notification(String webhookId, String body) {
    }

    record Saved(Ticket ticket, List<Notification> notifications, boolean replayed) {
    }

    /** A ticket event as the incremental ticket events export lists it. */
    record TicketEvent(long id, long ticketId, Instant at, String eventType, Map<String, Object> changes) {
    }

    private record IdempotentCreate(JsonNode body, long ticketId, Instant at) {
    }

    private final UserDirectory users;
    private final FieldDefinitions ticketFields;
    private final LongSupplier ids;
    private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private final Map<Long, Trigger> triggers = new LinkedHashMap<>();
    private final Map<String, IdempotentCreate> idempotency = new LinkedHashMap<>();
    private final List<TicketEvent> events = new ArrayList<>();
    private long ticketIds;

    TicketDesk(UserDirectory users, FieldDefinitions ticketFields, LongSupplier ids) {
        this.users = users;
        this.ticketFields = ticketFields;
        this.ids = ids;
    }

    List<Ticket> all() {
        return List.copyOf(tickets.values());
    }

    Optional<Ticket> byId(long id) {
        return Optional.ofNullable(tickets.get(id));
    }

    Ticket require(long id) {
        return byId(id).orElseThrow(ApiError::notFound);
    }

    List<TicketEvent> events() {
        return List.copyOf(events);
    }

    // ---- create and update -----------------------------------------------------------------------

    Saved create(JsonNode body, String idempotencyKey, Caller caller, Instant now, String base) {
        if (idempotencyKey != null) {
            if (idempotencyKey.length() > 255) {
                throw ApiError.badRequest("Idempotency-Key must be at most 255 characters.");
            }
            idempotency.values().removeIf(entry -> entry.at().plus(IDEMPOTENCY_WINDOW).isBefore(now));
            var previous = idempotency.get(idempotencyKey);
            if (previous != null) {
                if (!previous.body().equals(body)) {
                    throw ApiError.of(400, "IdempotentRequestError", "Request parameters differ from the original request with this Idempotency-Key.");
                }
                return new Saved(require(previous.ticketId()), List.of(), true);
            }
        }
        var node = body.get("ticket");
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("Parameter 'ticket' is required and must be an object.");
        }
        var problems = new LinkedHashMap<String, String>();
        var requester = requester(node, caller, now, problems);
        var status = enumValue(node, "status", "new", STATUSES, problems);
        var priority = enumValue(node, "priority", null, Set.copyOf(PRIORITIES), problems);
        var type = enumValue(node, "type", null, TYPES, problems);
        var description = node.path("comment").path("body").asText(node.path("description").asText(""));
        if (description.isBlank()) {
            problems.put("description", "Description: cannot be blank");
        }
        var values = customFields(node, Map.of(), problems);
        if (!problems.isEmpty() || requester == null) {
            throw ApiError.invalid(problems);
        }
        var tags = new LinkedHashSet<>(UserDirectory.tags(node.path("tags"), List.of()));
        // "Tags on users and organizations": the requester's tags are copied onto new tickets.
        tags.addAll(requester.tags());
        var id = ++ticketIds;
        var comment = new Ticket.Comment(ids.getAsLong(), description, node.path("comment").path("public").asBoolean(true), requester.id(), now);
        var ticket = new Ticket(id, textOr(node, "subject", description.lines().findFirst().orElse("")), description, status, priority, type,
                requester.id(), requester.organizationId(), List.copyOf(tags), Map.of(), List.of(comment), text(node, "external_id"), now, now, null);
        ticket = withFieldValues(ticket, values);
        var cycle = runTriggers(null, ticket, base);
        tickets.put(id, cycle.ticket());
        recordEvent(null, cycle.ticket(), now);
        if (idempotencyKey != null) {
            idempotency.put(idempotencyKey, new IdempotentCreate(body, id, now));
        }
        return new Saved(cycle.ticket(), cycle.notifications(), false);
    }

    Saved update(long id, JsonNode node, Caller caller, Instant now, String base) {
        var before = require(id);
        if (node.path("safe_update").asBoolean(false) || "true".equals(node.path("safe_update").asText())) {
            var stamp = text(node, "updated_stamp");
            if (stamp == null || !Renderer.time(before.updatedAt()).equals(normalizeStamp(stamp))) {
                throw ApiError.of(409, "UpdateConflict",
                        "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.");
            }
        }
        var problems = new LinkedHashMap<String, String>();
        var status = enumValue(node, "status", before.status(), STATUSES, problems);
        var priority = node.has("priority") ? enumValue(node, "priority", null, Set.copyOf(PRIORITIES), problems) : before.priority();
        var type = node.has("type") ? enumValue(node, "type", null, TYPES, problems) : before.type();
        var values = customFields(node, before.customFields(), problems);
        if (before.status().equals("closed")) {
            problems.put("status", "Status: closed prevents ticket update");
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        var tags = new LinkedHashSet<>(node.has("tags") ? UserDirectory.tags(node.get("tags"), List.of()) : before.tags());
        tags.addAll(UserDirectory.tags(node.path("additional_tags"), List.of()));
        tags.removeAll(UserDirectory.tags(node.path("remove_tags"), List.of()));
        var comments = new ArrayList<>(before.comments());
        if (node.path("comment").hasNonNull("body")) {
            var author = users.byEmail(caller.subject()).map(User::id).orElse(before.requesterId());
            comments.add(new Ticket.Comment(ids.getAsLong(), node.path("comment").path("body").asText(),
                    node.path("comment").path("public").asBoolean(true), author, now));
        }
        var ticket = new Ticket(id, textOr(node, "subject", before.subject()), before.description(), status, priority, type,
                node.has("requester_id") ? node.get("requester_id").asLong() : before.requesterId(), before.organizationId(),
                List.copyOf(tags), before.customFields(), List.copyOf(comments), textOr(node, "external_id", before.externalId()),
                before.createdAt(), now, before.rating());
        ticket = withFieldValues(ticket, values);
        var cycle = runTriggers(before, ticket, base);
        tickets.put(id, cycle.ticket());
        recordEvent(before, cycle.ticket(), now);
        return new Saved(cycle.ticket(), cycle.notifications(), false);
    }

    /**
     * A ticket the account already had (owner seeding): kept under the given id, with no triggers run and no
     * event recorded; later creates take ids above every seeded one.
     */
    Ticket seed(long id, long requesterId, String subject, String description, String status, String priority, Instant createdAt) {
        if (tickets.containsKey(id)) {
            throw new IllegalArgumentException("ticket " + id + " already exists");
        }
        if (!STATUSES.contains(status) || (priority != null && !PRIORITIES.contains(priority))) {
            throw new IllegalArgumentException("ticket " + id + ": status " + status + " or priority " + priority + " is not valid");
        }
        var requester = users.byId(requesterId).orElseThrow(() -> new IllegalArgumentException("ticket " + id + ": no user " + requesterId));
        var comment = new Ticket.Comment(ids.getAsLong(), description, true, requester.id(), createdAt);
        var ticket = new Ticket(id, subject, description, status, priority, null, requester.id(), requester.organizationId(),
                List.copyOf(requester.tags()), Map.of(), List.of(comment), null, createdAt, createdAt, null);
        tickets.put(id, ticket);
        ticketIds = Math.max(ticketIds, id);
        return ticket;
    }

    Ticket addTags(long id, JsonNode tags, Instant now) {
        var before = require(id);
        var merged = new LinkedHashSet<>(before.tags());
        merged.addAll(UserDirectory.tags(tags, List.of()));
        var ticket = copy(before, before.status(), before.priority(), List.copyOf(merged), before.customFields(), now);
        tickets.put(id, ticket);
        recordEvent(before, ticket, now);
        return ticket;
    }

    /** A satisfaction rating as recorded: its event (what the ratings API lists) and the saved ticket (whose triggers ran). */
    record Rated(TicketEvent event, Saved saved) {
    }

    /**
     * Records a satisfaction rating on a ticket, as the end user's survey answer would: the ticket is updated
     * (its rating and updated_at) and its triggers run, so "satisfaction score changed" triggers notify webhooks.
     */
    Rated rate(long ticketId, String score, String comment, Instant now, String base) {
        var before = require(ticketId);
        var changes = new LinkedHashMap<String, Object>();
        changes.put("score", score);
        changes.put("comment", comment);
        var event = new TicketEvent(ids.getAsLong(), ticketId, now, "SatisfactionRating", Collections.unmodifiableMap(changes));
        var rated = new Ticket(before.id(), before.subject(), before.description(), before.status(), before.priority(), before.type(),
                before.requesterId(), before.organizationId(), before.tags(), before.customFields(), before.comments(), before.externalId(),
                before.createdAt(), now, new Ticket.Rating(event.id(), score, comment, now));
        var cycle = runTriggers(before, rated, base);
        tickets.put(ticketId, cycle.ticket());
        events.add(event);
        return new Rated(event, new Saved(cycle.ticket(), cycle.notifications(), false));
    }

    // ---- triggers ----------------------------------------------------------------------------------

    List<Trigger> triggers() {
        return List.copyOf(triggers.values());
    }

    Optional<Trigger> trigger(long id) {
        return Optional.ofNullable(triggers.get(id));
    }

    Trigger saveTrigger(Long id, JsonNode node, Set<String> webhookIds, Instant now) {
        var old = id == null ? null : triggers.get(id);
        if (id != null && old == null) {
            throw ApiError.notFound();
        }
        var title = textOr(node, "title", old == null ? null : old.title());
        var conditions = node.has("conditions") ? node.get("conditions") : old == null ? null : old.conditions();
        var actions = node.has("actions") ? node.get("actions") : old == null ? null : old.actions();
        var problems = new LinkedHashMap<String, String>();
        if (title == null || title.isBlank()) {
            problems.put("title", "Title: cannot be blank");
        }
        if (conditions == null || !conditions.isObject() || (conditions.path("all").isEmpty() && conditions.path("any").isEmpty())) {
            problems.put("conditions", "Conditions: at least one condition is required");
        }
        if (actions == null || !actions.isArray() || actions.isEmpty()) {
            problems.put("actions", "Actions: at least one action is required");
        } else {
            for (var action : actions) {
                if ("notification_webhook".equals(text(action, "field"))) {
                    var target = action.path("value").path(0).asText();
                    if (!webhookIds.contains(target)) {
                        problems.put("actions", "Actions: webhook " + target + " does not exist");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        var newId = id == null ? ids.getAsLong() : id;
        var trigger = new Trigger(newId, title, node.path("active").asBoolean(old == null || old.active()),
                node.path("position").asLong(old == null ? triggers.size() + 1 : old.position()), conditions, actions,
                textOr(node, "description", old == null ? null : old.description()), old == null ? now : old.createdAt(), now);
        triggers.put(newId, trigger);
        return trigger;
    }

    void deleteTrigger(long id) {
        if (triggers.remove(id) == null) {
            throw ApiError.notFound();
        }
    }

    private record Cycle(Ticket ticket, List<Notification> notifications) {
    }

    private Cycle runTriggers(Ticket before, Ticket ticket, String base) {
        var ordered = triggers.values().stream().filter(Trigger::active)
                .sorted((a, b) -> a.position() != b.position() ? Long.compare(a.position(), b.position()) : Long.compare(a.id(), b.id())).toList();
        var fired = new HashSet<Long>();
        var pending = new ArrayList<String[]>();
        var current = ticket;
        var changed = true;
        while (changed) {
            changed = false;
            for (var trigger : ordered) {
                if (!fired.contains(trigger.id()) && matches(trigger.conditions(), before, current)) {
                    fired.add(trigger.id());
                    current = apply(trigger.actions(), current, pending);
                    changed = true;
                    break;
                }
            }
        }
        var finalTicket = current;
        var notifications = pending.stream().map(pair -> new Notification(pair[0], render(pair[1], finalTicket, base))).toList();
        return new Cycle(finalTicket, notifications);
    }

    /** Zendesk's {@code all} (every condition) and {@code any} (at least one, when given). */
    boolean matches(JsonNode conditions, Ticket before, Ticket ticket) {
        for (var condition : conditions.path("all")) {
            if (!condition(condition, before, ticket)) {
                return false;
            }
        }
        var any = conditions.path("any");
        if (any.isEmpty()) {
            return true;
        }
        for (var condition : any) {
            if (condition(condition, before, ticket)) {
                return true;
            }
        }
        return false;
    }

    private boolean condition(JsonNode condition, Ticket before, Ticket ticket) {
        var field = condition.path("field").asText();
        var operator = condition.path("operator").asText("is");
        var value = condition.path("value").isArray() ? condition.path("value").path(0).asText() : condition.path("value").asText();
        if (field.equals("update_type")) {
            var actual = before == null ? "Create" : "Change";
            return operator.equals("is_not") != actual.equalsIgnoreCase(value);
        }
        if (field.equals("current_tags")) {
            var wanted = List.of(value.trim().split("\\s+"));
            var any = wanted.stream().anyMatch(ticket.tags()::contains);
            return operator.equals("not_includes") != any;
        }
        if (field.startsWith("requester.custom_fields.")) {
            var key = field.substring("requester.custom_fields.".length());
            var stored = users.byId(ticket.requesterId()).map(user -> user.userFields().get(key)).orElse(null);
            return compare(operator, stored == null ? null : String.valueOf(stored), null, value, false);
        }
        if (field.startsWith("custom_fields_")) {
            var fieldId = parseLong(field.substring("custom_fields_".length()));
            var now = ticket.customFields().get(fieldId);
            var was = before == null ? null : before.customFields().get(fieldId);
            return compare(operator, now == null ? null : String.valueOf(now), was == null ? null : String.valueOf(was), value, before == null);
        }
        if (field.equals("satisfaction_score")) {
            return compare(operator, ticket.rating() == null ? null : ticket.rating().score(),
                    before == null || before.rating() == null ? null : before.rating().score(), value, before == null);
        }
        return switch (field) {
            case "status" -> compareOrdered(operator, ticket.status(), before == null ? null : before.status(), value, before == null,
                    List.of("new", "open", "pending", "hold", "solved", "closed"));
            case "priority" -> compareOrdered(operator, ticket.priority(), before == null ? null : before.priority(), value, before == null, PRIORITIES);
            case "type", "ticket_type_id" -> compare(operator, ticket.type(), before == null ? null : before.type(), value, before == null);
            case "requester_id" -> compare(operator, String.valueOf(ticket.requesterId()), null, value, false);
            case "organization_id" -> compare(operator, ticket.organizationId() == null ? null : String.valueOf(ticket.organizationId()),
                    null, value, false);
            default -> false;
        };
    }

    private static boolean compare(String operator, String now, String was, String value, boolean created) {
        var changed = created || !Objects.equals(now, was);
        return switch (operator) {
            case "is" -> value.equals(now);
            case "is_not" -> !value.equals(now);
            case "present" -> now != null && !now.isEmpty();
            case "not_present" -> now == null || now.isEmpty();
            case "changed" -> changed;
            case "not_changed" -> !changed;
            case "value" -> changed && value.equals(now);
            case "value_previous" -> changed && value.equals(was);
            case "not_value" -> !(changed && value.equals(now));
            case "not_value_previous" -> !(changed && value.equals(was));
            case "includes" -> now != null && List.of(now.split("\\s+")).contains(value);
            case "not_includes" -> now == null || !List.of(now.split("\\s+")).contains(value);
            default -> false;
        };
    }

    private static boolean compareOrdered(String operator, String now, String was, String value, boolean created, List<String> order) {
        return switch (operator) {
            case "less_than" -> now != null && order.indexOf(now) >= 0 && order.indexOf(now) < order.indexOf(value);
            case "greater_than" -> now != null && order.indexOf(now) > order.indexOf(value);
            default -> compare(operator, now, was, value, created);
        };
    }

    private Ticket apply(JsonNode actions, Ticket ticket, List<String[]> notifications) {
        var current = ticket;
        for (var action : actions) {
            var field = action.path("field").asText();
            var value = action.path("value");
            var text = value.isArray() ? value.path(0).asText() : value.asText();
            current = switch (field) {
                case "priority" -> PRIORITIES.contains(text) ? copy(current, current.status(), text, current.tags(), current.customFields(), current.updatedAt()) : current;
                case "status" -> STATUSES.contains(text) ? copy(current, text, current.priority(), current.tags(), current.customFields(), current.updatedAt()) : current;
                case "set_tags" -> copy(current, current.status(), current.priority(), UserDirectory.tags(value, List.of()), current.customFields(), current.updatedAt());
                case "current_tags" -> {
                    var tags = new LinkedHashSet<>(current.tags());
                    tags.addAll(UserDirectory.tags(value, List.of()));
                    yield copy(current, current.status(), current.priority(), List.copyOf(tags), current.customFields(), current.updatedAt());
                }
                case "remove_tags" -> {
                    var tags = new LinkedHashSet<>(current.tags());
                    tags.removeAll(UserDirectory.tags(value, List.of()));
                    yield copy(current, current.status(), current.priority(), List.copyOf(tags), current.customFields(), current.updatedAt());
                }
                case "notification_webhook" -> {
                    notifications.add(new String[] {value.path(0).asText(), value.path(1).asText("")});
                    yield current;
                }
                default -> {
                    if (field.startsWith("custom_fields_")) {
                        var definition = ticketFields.byId(parseLong(field.substring("custom_fields_".length())));
                        if (definition.isPresent()) {
                            try {
                                var values = new LinkedHashMap<Long, Object>();
                                values.put(definition.get().id(), FieldDefinitions.normalize(definition.get(), value.isArray() ? value.path(0) : value));
                                yield withFieldValues(current, values);
                            } catch (FieldDefinitions.InvalidValue e) {
                                yield current;
                            }
                        }
                    }
                    yield current;
                }
            };
        }
        return current;
    }

    // ---- placeholders ------------------------------------------------------------------------------

    /** Fills {@code {{ticket.…}}} placeholders as plain text (not JSON-escaped, as Zendesk documents none). */
    String render(String template, Ticket ticket, String base) {
        var matcher = PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(placeholder(matcher.group(1), ticket, base)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String placeholder(String name, Ticket ticket, String base) {
        var requester = users.byId(ticket.requesterId());
        if (name.startsWith("ticket.requester.custom_fields.")) {
            var key = name.substring("ticket.requester.custom_fields.".length());
            return requester.map(user -> user.userFields().get(key)).map(String::valueOf).orElse("");
        }
        if (name.startsWith("ticket.ticket_field_option_title_")) {
            var fieldId = parseLong(name.substring("ticket.ticket_field_option_title_".length()));
            var value = ticket.customFields().get(fieldId);
            return ticketFields.byId(fieldId).flatMap(field -> field.options().stream().filter(option -> option.value().equals(value)).findFirst())
                    .map(FieldOption::name).orElse("");
        }
        if (name.startsWith("ticket.ticket_field_")) {
            var value = ticket.customFields().get(parseLong(name.substring("ticket.ticket_field_".length())));
            return value == null ? "" : String.valueOf(value);
        }
        return switch (name) {
            case "ticket.id" -> String.valueOf(ticket.id());
            case "ticket.title" -> ticket.subject();
            case "ticket.description" -> ticket.description();
            case "ticket.status" -> localized(ticket.status(), users.locale(ticket.requesterId()));
            case "ticket.priority" -> ticket.priority() == null ? "-" : title(ticket.priority());
            case "ticket.ticket_type" -> ticket.type() == null ? "-" : title(ticket.type());
            case "ticket.tags" -> String.join(" ", ticket.tags());
            case "ticket.external_id" -> ticket.externalId() == null ? "" : ticket.externalId();
            case "ticket.via" -> "Web Service";
            case "ticket.url" -> hostOf(base) + "/agent/tickets/" + ticket.id();
            case "ticket.link" -> base + "/agent/tickets/" + ticket.id();
            case "ticket.created_at_with_timestamp" -> Renderer.time(ticket.createdAt());
            case "ticket.updated_at_with_timestamp" -> Renderer.time(ticket.updatedAt());
            case "ticket.organization.id" -> ticket.organizationId() == null ? "" : String.valueOf(ticket.organizationId());
            case "ticket.requester.id" -> String.valueOf(ticket.requesterId());
            case "ticket.requester.name" -> requester.map(User::name).orElse("");
            case "ticket.requester.email" -> requester.map(User::email).map(String::valueOf).orElse("");
            case "ticket.requester.external_id" -> requester.map(User::externalId).map(String::valueOf).orElse("");
            case "ticket.account" -> "Zendesk simulator";
            default -> "";
        };
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private User requester(JsonNode node, Caller caller, Instant now, Map<String, String> problems) {
        if (node.hasNonNull("requester_id")) {
            var found = users.byId(node.get("requester_id").asLong());
            if (found.isEmpty()) {
                problems.put("requester", "Requester: is invalid");
            }
            return found.orElse(null);
        }
        var requester = node.path("requester");
        if (requester.isObject() && requester.hasNonNull("email")) {
            var existing = users.byEmail(requester.get("email").asText());
            if (existing.isPresent()) {
                // An existing requester is used as is: no updates during ticket create.
                return existing.get();
            }
            var name = text(requester, "name");
            if (name == null || name.isBlank()) {
                problems.put("requester", "Requester: Name:  is too short (minimum is 1 character)");
                return null;
            }
            try {
                return users.create(requester, now);
            } catch (ApiError error) {
                problems.put("requester", "Requester: is invalid");
                return null;
            }
        }
        return users.byEmail(caller.subject()).orElseGet(() -> users.create(
                JsonNodeFactory.instance.objectNode().put("name", "API client " + caller.subject())
                        .put("role", "admin").put("email", caller.subject().contains("@") ? caller.subject() : null), now));
    }

    private Map<Long, Object> customFields(JsonNode node, Map<Long, Object> current, Map<String, String> problems) {
        var values = new LinkedHashMap<Long, Object>();
        var given = node.has("custom_fields") ? node.get("custom_fields") : node.path("fields");
        for (var entry : given) {
            var definition = ticketFields.byId(entry.path("id").asLong());
            if (definition.isEmpty()) {
                continue;
            }
            try {
                values.put(definition.get().id(), FieldDefinitions.normalize(definition.get(), entry.get("value")));
            } catch (FieldDefinitions.InvalidValue e) {
                problems.put("custom_fields_" + definition.get().id(), e.getMessage());
            }
        }
        return values;
    }

    /** Sets ticket field values; a drop-down value also becomes the ticket's tag (replacing the old option's). */
    private Ticket withFieldValues(Ticket ticket, Map<Long, Object> changes) {
        if (changes.isEmpty()) {
            return ticket;
        }
        var values = new LinkedHashMap<>(ticket.customFields());
        var tags = new LinkedHashSet<>(ticket.tags());
        changes.forEach((fieldId, value) -> {
            var definition = ticketFields.byId(fieldId).orElseThrow();
            if (definition.isDropdown()) {
                definition.options().forEach(option -> tags.remove(option.value()));
                if (value != null) {
                    tags.add(String.valueOf(value));
                }
            } else if (definition.type().equals("checkbox") && definition.tag() != null) {
                if (Boolean.TRUE.equals(value)) {
                    tags.add(definition.tag());
                } else {
                    tags.remove(definition.tag());
                }
            }
            if (value == null) {
                values.remove(fieldId);
            } else {
                values.put(fieldId, value);
            }
        });
        return copy(ticket, ticket.status(), ticket.priority(), List.copyOf(tags), Collections.unmodifiableMap(values), ticket.updatedAt());
    }

    private static Ticket copy(Ticket t, String status, String priority, List<String> tags, Map<Long, Object> values, Instant updatedAt) {
        return new Ticket(t.id(), t.subject(), t.description(), status, priority, t.type(), t.requesterId(), t.organizationId(), tags, values,
                t.comments(), t.externalId(), t.createdAt(), updatedAt, t.rating());
    }

    private void recordEvent(Ticket before, Ticket after, Instant now) {
        var changes = new LinkedHashMap<String, Object>();
        if (before == null || !before.status().equals(after.status())) {
            changes.put("status", after.status());
        }
        if (before == null || !Objects.equals(before.priority(), after.priority())) {
            changes.put("priority", after.priority());
        }
        if (before == null || !before.tags().equals(after.tags())) {
            changes.put("tags", after.tags());
        }
        if (before == null || !before.customFields().equals(after.customFields())) {
            changes.put("custom_fields", after.customFields());
        }
        events.add(new TicketEvent(ids.getAsLong(), after.id(), now, before == null ? "Create" : "Change", Collections.unmodifiableMap(changes)));
    }

    private static String enumValue(JsonNode node, String name, String fallback, Set<String> allowed, Map<String, String> problems) {
        if (!node.hasNonNull(name)) {
            return fallback;
        }
        var value = node.get(name).asText().toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            problems.put(name, title(name) + ": " + node.get(name).asText() + " is not valid");
            return fallback;
        }
        return value;
    }

    private static String normalizeStamp(String stamp) {
        try {
            return Renderer.time(OffsetDateTime.parse(stamp).toInstant());
        } catch (DateTimeParseException e) {
            return stamp;
        }
    }

    private static final Map<String, String> GERMAN = Map.of("new", "Neu", "open", "Offen", "pending", "Wartend", "hold", "Angehalten",
            "solved", "Gelöst", "closed", "Geschlossen");

    /** Zendesk translates placeholder values into the requester's language, and that cannot be turned off. */
    private static String localized(String value, String locale) {
        return locale.toLowerCase(Locale.ROOT).startsWith("de") ? GERMAN.getOrDefault(value, title(value)) : title(value);
    }

    private static String title(String value) {
        return value.isEmpty() ? value : Character.toUpperCase(value.charAt(0)) + value.substring(1);
    }

    private static String hostOf(String base) {
        var scheme = base.indexOf("://");
        return scheme < 0 ? base : base.substring(scheme + 3);
    }

    private static long parseLong(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String textOr(JsonNode node, String name, String fallback) {
        var value = text(node, name);
        return value == null ? fallback : value;
    }
}
