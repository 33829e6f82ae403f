package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/** Tickets, triggers, webhooks (with their signing secrets and invocations) and views. */
final class TicketRoutes {
    private final ObjectMapper mapper;
    private final Renderer renderer;
    private final ApiLimiter limiter;
    private final FieldDefinitions ticketFields;
    private final TicketDesk tickets;
    private final WebhookRegistry webhooks;
    private final WebhookDispatcher dispatcher;
    private final LongSupplier ids;
    private final Map<Long, View> views = new LinkedHashMap<>();

    TicketRoutes(ObjectMapper mapper, Renderer renderer, ApiLimiter limiter, FieldDefinitions ticketFields, TicketDesk tickets,
                 WebhookRegistry webhooks, WebhookDispatcher dispatcher, LongSupplier ids) {
        this.mapper = mapper;
        this.renderer = renderer;
        this.limiter = limiter;
        this.ticketFields = ticketFields;
        this.tickets = tickets;
        this.webhooks = webhooks;
        this.dispatcher = dispatcher;
        this.ids = ids;
    }

    /** Views, read under the simulator's lock. */
    List<View> views() {
        return List.copyOf(views.values());
    }

    private JsonNode ticket(Call call, Ticket ticket) {
        return renderer.ticket(ticket, ticketFields.all(), call.base());
    }

    void register(ApiRoutes api) {
        automationRoutes(api);
        api.add("GET", "/api/v2/tickets/show_many", call -> call.reply(200, renderer.list("tickets", call.listParam("ids").stream()
                .map(Call::parseId).map(tickets::byId).flatMap(Optional::stream).map(each -> ticket(call, each)).toList())));
        api.add("GET", "/api/v2/tickets", call -> {
            var externalId = call.ctx().queryParam("external_id");
            call.reply(200, renderer.list("tickets", tickets.all().stream()
                    .filter(each -> externalId == null || externalId.equals(each.externalId())).map(each -> ticket(call, each)).toList()));
        });
        api.add("POST", "/api/v2/tickets", call -> {
            var key = call.ctx().header("Idempotency-Key");
            var saved = tickets.create(call.body(), key, call.caller(), call.now(), call.base());
            if (key != null) {
                call.ctx().header("x-idempotency-lookup", saved.replayed() ? "hit" : "miss");
            }
            notify(saved);
            call.ctx().header("Location", call.base() + "/api/v2/tickets/" + saved.ticket().id() + ".json");
            call.reply(201, renderer.wrap("ticket", ticket(call, saved.ticket())));
        });
        api.add("GET", "/api/v2/tickets/{id}", call -> call.reply(200, renderer.wrap("ticket", ticket(call, tickets.require(call.pathId("id"))))));
        api.add("PUT", "/api/v2/tickets/{id}", call -> {
            var id = call.pathId("id");
            tickets.require(id);
            var node = call.body("ticket");
            limiter.ticketUpdate(call, id);
            var saved = tickets.update(id, node, call.caller(), call.now(), call.base());
            notify(saved);
            call.reply(200, renderer.wrap("ticket", ticket(call, saved.ticket())));
        });
        api.add("PUT", "/api/v2/tickets/{id}/tags", call -> {
            var tags = call.body().get("tags");
            if (tags == null) {
                throw ApiError.badRequest("Parameter 'tags' is required.");
            }
            call.reply(200, mapper.createObjectNode().set("tags",
                    mapper.valueToTree(tickets.addTags(call.pathId("id"), tags, call.now()).tags())));
        });
    }

    void notify(TicketDesk.Saved saved) {
        for (var notification : saved.notifications()) {
            webhooks.byId(notification.webhookId()).filter(webhook -> webhook.status().equals("active"))
                    .ifPresent(webhook -> dispatcher.send(webhook, notification.body()));
        }
    }

    private void automationRoutes(ApiRoutes api) {
        api.add("GET", "/api/v2/triggers", call -> call.reply(200, renderer.list("triggers",
                tickets.triggers().stream().map(trigger -> renderer.trigger(trigger, call.base())).toList())));
        api.add("POST", "/api/v2/triggers", call -> call.reply(201, renderer.wrap("trigger", renderer.trigger(
                tickets.saveTrigger(null, call.body("trigger"), webhookIds(), call.now()), call.base()))));
        api.add("GET", "/api/v2/triggers/{id}", call -> call.reply(200, renderer.wrap("trigger", renderer.trigger(
                tickets.trigger(call.pathId("id")).orElseThrow(ApiError::notFound), call.base()))));
        api.add("PUT", "/api/v2/triggers/{id}", call -> call.reply(200, renderer.wrap("trigger", renderer.trigger(
                tickets.saveTrigger(call.pathId("id"), call.body("trigger"), webhookIds(), call.now()), call.base()))));
        api.add("DELETE", "/api/v2/triggers/{id}", call -> {
            tickets.deleteTrigger(call.pathId("id"));
            call.noContent();
        });

        api.add("GET", "/api/v2/webhooks", call -> {
            var body = renderer.object();
            body.putArray("webhooks").addAll(webhooks.all().stream().map(renderer::webhook).toList());
            body.putObject("meta").put("has_more", false).putNull("after_cursor").putNull("before_cursor");
            body.putObject("links").putNull("next").putNull("prev");
            call.reply(200, body);
        });
        api.add("POST", "/api/v2/webhooks", call -> call.reply(201, renderer.wrap("webhook",
                renderer.webhook(webhooks.save(null, call.body("webhook"), call.now())))));
        api.add("GET", "/api/v2/webhooks/{id}", call -> call.reply(200, renderer.wrap("webhook",
                renderer.webhook(webhooks.require(call.pathText("id"))))));
        for (var method : List.of("PUT", "PATCH")) {
            api.add(method, "/api/v2/webhooks/{id}", call -> {
                webhooks.save(call.pathText("id"), call.body("webhook"), call.now());
                call.noContent();
            });
        }
        api.add("DELETE", "/api/v2/webhooks/{id}", call -> {
            webhooks.delete(call.pathText("id"));
            call.noContent();
        });
        api.add("GET", "/api/v2/webhooks/{id}/signing_secret", call -> call.reply(200, signingSecret(webhooks.require(call.pathText("id")))));
        api.add("POST", "/api/v2/webhooks/{id}/signing_secret", call -> call.reply(200,
                signingSecret(webhooks.resetSecret(call.pathText("id"), call.now()))));
        api.add("GET", "/api/v2/webhooks/{id}/invocations", call -> {
            var id = webhooks.require(call.pathText("id")).id();
            var body = renderer.object();
            body.putArray("invocations").addAll(dispatcher.invocations().stream().filter(invocation -> invocation.webhookId().equals(id))
                    .map(renderer::invocation).toList());
            body.putObject("meta").put("has_more", false);
            call.reply(200, body);
        });

        api.add("GET", "/api/v2/views", call -> call.reply(200, renderer.list("views",
                views.values().stream().map(view -> renderer.view(view, call.base())).toList())));
        api.add("POST", "/api/v2/views", call -> call.reply(201, renderer.wrap("view", renderer.view(saveView(null, call), call.base()))));
        api.add("GET", "/api/v2/views/{id}", call -> call.reply(200, renderer.wrap("view", renderer.view(view(call), call.base()))));
        api.add("PUT", "/api/v2/views/{id}", call -> call.reply(200, renderer.wrap("view",
                renderer.view(saveView(view(call).id(), call), call.base()))));
        api.add("DELETE", "/api/v2/views/{id}", call -> {
            views.remove(view(call).id());
            call.noContent();
        });
        api.add("GET", "/api/v2/views/{id}/tickets", call -> call.reply(200, renderer.list("tickets",
                viewTickets(view(call)).stream().map(each -> ticket(call, each)).toList())));
    }

    private Set<String> webhookIds() {
        return webhooks.all().stream().map(Webhook::id).collect(Collectors.toSet());
    }

    private JsonNode signingSecret(Webhook webhook) {
        var body = renderer.object();
        body.putObject("signing_secret").put("algorithm", "SHA256").put("secret", webhook.signingSecret());
        return body;
    }

    private View view(Call call) {
        var view = views.get(call.pathId("id"));
        if (view == null) {
            throw ApiError.notFound();
        }
        return view;
    }

    private View saveView(Long id, Call call) {
        var node = call.body("view");
        var old = id == null ? null : views.get(id);
        var title = node.has("title") ? node.get("title").asText() : old == null ? null : old.title();
        var conditions = node.has("conditions") ? node.get("conditions") : old == null ? null : old.conditions();
        var problems = new LinkedHashMap<String, String>();
        if (title == null || title.isBlank()) {
            problems.put("title", "Title: cannot be blank");
        }
        if (conditions == null || !conditions.isObject() || conditions.path("all").isEmpty() && conditions.path("any").isEmpty()) {
            problems.put("conditions", "Conditions: at least one condition is required");
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        var execution = node.has("execution") ? node.get("execution") : node.has("output") ? node.get("output")
                : old == null ? mapper.createObjectNode() : old.execution();
        var newId = id == null ? ids.getAsLong() : id;
        var view = new View(newId, title, node.path("active").asBoolean(old == null || old.active()),
                node.path("position").asLong(old == null ? views.size() + 1 : old.position()), conditions, execution,
                old == null ? call.now() : old.createdAt(), call.now());
        views.put(newId, view);
        return view;
    }

    /** The view's tickets, sorted by its {@code execution.sort_by} / {@code sort_order} (custom fields by value, like tags). */
    private List<Ticket> viewTickets(View view) {
        var sortBy = view.execution().path("sort_by").asText(view.execution().path("sort").path("id").asText("created_at"));
        var descending = "desc".equalsIgnoreCase(view.execution().path("sort_order").asText(view.execution().path("sort").path("order").asText("asc")));
        Comparator<Ticket> order = switch (sortBy) {
            case "priority" -> Comparator.comparingInt(ticket -> TicketDesk.PRIORITIES.indexOf(ticket.priority()));
            case "updated_at", "updated" -> Comparator.comparing(Ticket::updatedAt);
            case "status" -> Comparator.comparing(Ticket::status);
            case "id", "nice_id" -> Comparator.comparingLong(Ticket::id);
            default -> sortBy.startsWith("custom_fields_") || sortBy.matches("[0-9]+")
                    ? Comparator.comparing(ticket -> String.valueOf(ticket.customFields()
                    .getOrDefault(Call.parseId(sortBy.replace("custom_fields_", "")), "\uffff")))
                    : Comparator.comparing(Ticket::createdAt);
        };
        return tickets.all().stream().filter(ticket -> tickets.matches(view.conditions(), ticket, ticket))
                .sorted(descending ? order.reversed() : order).toList();
    }
}
