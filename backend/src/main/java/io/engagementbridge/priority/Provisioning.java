package io.engagementbridge.priority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.priority.ProvisioningReport.Item;
import io.engagementbridge.priority.ProvisioningReport.Outcome;
import io.engagementbridge.webhook.TicketEvent;
import io.engagementbridge.webhook.WebhookInbox;
import io.engagementbridge.zendesk.Governor;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskClient;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;
import io.engagementbridge.zendesk.ZendeskRequest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a connected Zendesk account needs so its own triggers prioritise new tickets by customer value:
 * user fields for tier, LTV, RFM segment and loyalty tier; a "Customer value tier" ticket drop-down; one
 * trigger per tier; and a view sorted by that drop-down (its option values are the tier tags, which sort
 * in tier order). {@link #provision} is idempotent: it finds each object by the id it recorded, else by its
 * key or title, and creates only what is missing, so it is also the Repair action. The ids go into the
 * connection's settings under {@code provisioned}; {@link #deprovision} deletes exactly those. Every call
 * waits for a governor permit first.
 */
public final class Provisioning {
    public static final String TIER_FIELD_KEY = "eb_customer_tier";
    public static final String LTV_FIELD_KEY = "eb_ltv";
    public static final String RFM_FIELD_KEY = "eb_rfm_segment";
    public static final String LOYALTY_FIELD_KEY = "eb_loyalty_tier";
    public static final String TICKET_FIELD_TITLE = "Customer value tier";
    public static final String VIEW_TITLE = "Tickets by customer value";
    public static final String TRIGGER_TITLE_PREFIX = "Engagement Bridge: ";
    public static final String WEBHOOK_NAME = "Engagement Bridge events";
    /** The connection setting holding the ids of what we created. */
    public static final String SETTING = "provisioned";
    private static final String DESCRIPTION = "Managed by Engagement Bridge from Bloomreach Engagement; removed when the bridge is disconnected.";
    /** More than a single call's: a pass handed back to the queue starts over, listing every field, trigger and view again. */
    private static final int MAX_THROTTLED_RETRIES = 5;

    private final ConnectionRepository connections;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final JobPoller.Sleeper sleeper;
    private final String publicUrl;

    /** {@code publicUrl} is this backend's origin as Zendesk calls it: the webhook points at its inbox there. */
    public Provisioning(ConnectionRepository connections, ObjectMapper mapper, Clock clock, JobPoller.Sleeper sleeper, String publicUrl) {
        this.connections = connections;
        this.mapper = mapper;
        this.clock = clock;
        this.sleeper = sleeper;
        this.publicUrl = publicUrl;
    }

    /** Creates whatever of the fields, triggers and view is missing, adds missing tiers to the drop-downs, and records every id. */
    public ProvisioningReport provision(Connection connection, ZendeskClient client, Governor governor, TierRules rules)
            throws InterruptedException {
        var run = new Run(connection, client, governor);
        var userFields = run.list("/api/v2/user_fields", "user_fields");
        run.ensureField("user_fields", "user_field", userFields, TIER_FIELD_KEY,
                userField("dropdown", TIER_FIELD_KEY, "Customer value tier").set("custom_field_options", options(rules)));
        run.ensureField("user_fields", "user_field", userFields, LTV_FIELD_KEY, userField("decimal", LTV_FIELD_KEY, "Lifetime value"));
        run.ensureField("user_fields", "user_field", userFields, RFM_FIELD_KEY, userField("text", RFM_FIELD_KEY, "RFM segment"));
        run.ensureField("user_fields", "user_field", userFields, LOYALTY_FIELD_KEY, userField("text", LOYALTY_FIELD_KEY, "Loyalty tier"));

        var ticketFieldSpec = mapper.createObjectNode().put("type", "tagger").put("title", TICKET_FIELD_TITLE).put("description", DESCRIPTION);
        ticketFieldSpec.set("custom_field_options", options(rules));
        var ticketFieldId = run.ensureField("ticket_fields", "ticket_field", run.list("/api/v2/ticket_fields", "ticket_fields"),
                TICKET_FIELD_TITLE, ticketFieldSpec);

        var triggers = run.list("/api/v2/triggers", "triggers");
        var tierTags = new HashSet<String>();
        for (var tier : rules.tiers()) {
            tierTags.add(tier.tag());
            run.ensureTrigger(triggers, "triggers", tier.tag(), trigger(tier, ticketFieldId));
        }
        run.dropTriggersOfRemovedTiers(tierTags);

        var webhookId = run.ensureWebhook(run.list("/api/v2/webhooks", "webhooks"));
        for (var event : TicketEvent.values()) {
            run.ensureTrigger(triggers, "event_triggers", event.type(), eventTrigger(event, webhookId));
        }

        run.ensureView(run.list("/api/v2/views", "views"), view(ticketFieldId), String.valueOf(ticketFieldId));
        return new ProvisioningReport(run.items);
    }

    /** The admin's Repair button: provisioning again re-creates whatever was deleted in Zendesk. */
    public ProvisioningReport repair(Connection connection, ZendeskClient client, Governor governor, TierRules rules) throws InterruptedException {
        return provision(connection, client, governor, rules);
    }

    /**
     * Deletes the objects whose ids we recorded, and nothing else: an admin's own fields, triggers and views
     * are never looked at. Objects already deleted in Zendesk count as gone.
     */
    public ProvisioningReport deprovision(Connection connection, ZendeskClient client, Governor governor) throws InterruptedException {
        var run = new Run(connection, client, governor);
        run.removeAll("triggers", "trigger", "/api/v2/triggers");
        run.removeAll("event_triggers", "trigger", "/api/v2/triggers");
        run.removeAll("webhook", "webhook", "/api/v2/webhooks");
        run.removeAll("view", "view", "/api/v2/views");
        run.removeAll("ticket_field", "ticket_field", "/api/v2/ticket_fields");
        run.removeAll("user_fields", "user_field", "/api/v2/user_fields");
        run.settings.remove(SETTING);
        run.save();
        return new ProvisioningReport(run.items);
    }

    private ObjectNode userField(String type, String key, String title) {
        return mapper.createObjectNode().put("type", type).put("key", key).put("title", title).put("description", DESCRIPTION);
    }

    /** One option per tier: agents see the name; the value is the tier tag, which views sort by. */
    private ArrayNode options(TierRules rules) {
        var options = mapper.createArrayNode();
        rules.tiers().forEach(tier -> options.addObject().put("name", tier.name()).put("value", tier.value()));
        return options;
    }

    private ObjectNode trigger(Tier tier, long ticketFieldId) {
        var trigger = mapper.createObjectNode().put("title", TRIGGER_TITLE_PREFIX + tier.name()).put("description", DESCRIPTION);
        var all = trigger.putObject("conditions").putArray("all");
        all.addObject().put("field", "update_type").put("operator", "is").put("value", "Create");
        all.addObject().put("field", "requester.custom_fields." + TIER_FIELD_KEY).put("operator", "is").put("value", tier.value());
        var actions = trigger.putArray("actions");
        actions.addObject().put("field", "priority").put("value", tier.priority().value());
        actions.addObject().put("field", "current_tags").put("value", tier.tag());
        actions.addObject().put("field", "custom_fields_" + ticketFieldId).put("value", tier.value());
        return trigger;
    }

    /**
     * Ticket events sent to the bridge's inbox: the body holds only ids, the e-mail, the ticket's update time (so the relay and its
     * catch-up sweep name an event alike) and a constant, never localised or unescaped text.
     */
    private ObjectNode eventTrigger(TicketEvent event, String webhookId) {
        var trigger = mapper.createObjectNode().put("title", TRIGGER_TITLE_PREFIX + event.title()).put("description", DESCRIPTION);
        var conditions = trigger.putObject("conditions");
        var all = conditions.putArray("all");
        event.all().forEach(condition -> all.addObject().put("field", condition.get(0)).put("operator", condition.get(1)).put("value", condition.get(2)));
        if (!event.any().isEmpty()) {
            var any = conditions.putArray("any");
            event.any().forEach(condition -> any.addObject().put("field", condition.get(0)).put("operator", condition.get(1)).put("value", condition.get(2)));
        }
        var body = "{\"event\":\"" + event.type() + "\",\"ticket_id\":\"{{ticket.id}}\",\"requester_id\":\"{{ticket.requester.id}}\","
                + "\"requester_email\":\"{{ticket.requester.email}}\",\"updated_at\":\"{{ticket.updated_at_with_timestamp}}\"}";
        trigger.putArray("actions").addObject().put("field", "notification_webhook").putArray("value").add(webhookId).add(body);
        return trigger;
    }

    private ObjectNode view(long ticketFieldId) {
        var view = mapper.createObjectNode().put("title", VIEW_TITLE);
        view.putObject("conditions").putArray("all").addObject().put("field", "status").put("operator", "less_than").put("value", "solved");
        var output = view.putObject("output");
        output.putArray("columns").add("status").add("subject").add("requester").add(ticketFieldId).add("priority").add("created");
        output.put("sort_by", String.valueOf(ticketFieldId)).put("sort_order", "asc");
        return view;
    }

    /** One provision or deprovision pass over one connection: its client, governor, settings being updated, and the report so far. */
    private final class Run {
        private final String connectionId;
        private final ZendeskClient client;
        private final Governor governor;
        private final ObjectNode settings;
        private final List<Item> items = new ArrayList<>();

        Run(Connection connection, ZendeskClient client, Governor governor) {
            this.connectionId = connection.id();
            this.client = client;
            this.governor = governor;
            // Re-read: the caller's copy may predate another run's recorded ids.
            this.settings = connections.find(connection.id()).orElse(connection).settings().deepCopy();
        }

        List<JsonNode> list(String path, String key) throws InterruptedException {
            return call(WriteKind.READ, () -> client.listAll(path, key));
        }

        /** A user field (matched by key) or ticket field (by recorded id, else title); a drop-down gains the options it lacks. */
        long ensureField(String plural, String singular, List<JsonNode> existing, String name, ObjectNode spec) throws InterruptedException {
            var keyed = spec.has("key");
            var record = keyed ? child(recorded(), plural) : recorded();
            var recordName = keyed ? name : singular;
            var recordedId = record.path(recordName).asLong(-1);
            var found = find(existing, node -> keyed ? name.equals(node.path("key").asText())
                    : node.path("id").asLong() == recordedId || name.equals(node.path("title").asText()));
            if (found.isEmpty()) {
                var created = call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.post("/api/v2/" + plural, wrap(singular, spec))))
                        .body().path(singular);
                return Long.parseLong(remember(record, recordName, new Item(singular, name, created.path("id").asText(), Outcome.CREATED)));
            }
            var id = found.get().path("id").asLong();
            var missing = missingOptions(found.get(), spec);
            if (missing.isEmpty()) {
                return Long.parseLong(remember(record, recordName, new Item(singular, name, String.valueOf(id), Outcome.ALREADY_THERE)));
            }
            var options = mapper.createArrayNode().addAll((ArrayNode) found.get().path("custom_field_options")).addAll(missing);
            var change = mapper.createObjectNode().set("custom_field_options", options);
            call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.put("/api/v2/" + plural + "/" + id, wrap(singular, change))));
            return Long.parseLong(remember(record, recordName, new Item(singular, name, String.valueOf(id), Outcome.UPDATED)));
        }

        /**
         * A trigger recorded under {@code group}/{@code name}, matched by recorded id else title; rewritten when it no longer
         * holds our conditions and actions (e.g. a re-created ticket field or webhook).
         */
        void ensureTrigger(List<JsonNode> existing, String group, String name, ObjectNode spec) throws InterruptedException {
            var record = child(recorded(), group);
            var recordedId = record.path(name).asLong(-1);
            var title = spec.path("title").asText();
            var found = find(existing, node -> node.path("id").asLong() == recordedId || title.equals(node.path("title").asText()));
            if (found.isEmpty()) {
                var created = call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.post("/api/v2/triggers", wrap("trigger", spec))))
                        .body().path("trigger");
                remember(record, name, new Item("trigger", title, created.path("id").asText(), Outcome.CREATED));
                return;
            }
            var id = found.get().path("id").asLong();
            var intact = containsAll(found.get().path("conditions").path("all"), spec.path("conditions").path("all"))
                    && containsAll(found.get().path("conditions").path("any"), spec.path("conditions").path("any"))
                    && containsAll(found.get().path("actions"), spec.path("actions"));
            if (!intact) {
                var change = mapper.createObjectNode();
                change.set("conditions", spec.get("conditions"));
                change.set("actions", spec.get("actions"));
                call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.put("/api/v2/triggers/" + id, wrap("trigger", change))));
            }
            remember(record, name, new Item("trigger", title, String.valueOf(id), intact ? Outcome.ALREADY_THERE : Outcome.UPDATED));
        }

        /**
         * The webhook to this connection's inbox, matched by recorded id else name. Created with the connection's own
         * signing secret; when it already exists, Zendesk's secret is the one kept, and a moved backend URL is updated.
         */
        String ensureWebhook(List<JsonNode> existing) throws InterruptedException {
            var record = recorded();
            var recordedId = record.path("webhook").asText("");
            var endpoint = publicUrl.replaceAll("/+$", "") + WebhookInbox.PATH.replace("{connection}", connectionId);
            var found = find(existing, node -> node.path("id").asText().equals(recordedId) || WEBHOOK_NAME.equals(node.path("name").asText()));
            var versioned = connections.secrets(connectionId).orElseThrow(() -> new IllegalStateException("connection " + connectionId + " was removed"));
            if (found.isEmpty()) {
                var spec = mapper.createObjectNode().put("name", WEBHOOK_NAME).put("endpoint", endpoint).put("http_method", "POST")
                        .put("request_format", "json").put("status", "active").put("description", DESCRIPTION);
                spec.putArray("subscriptions").add("conditional_ticket_events");
                spec.putObject("signing_secret").put("algorithm", "SHA256").put("secret", versioned.secrets().webhookSigningSecret());
                var created = call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.post("/api/v2/webhooks", wrap("webhook", spec))))
                        .body().path("webhook");
                return remember(record, "webhook", new Item("webhook", WEBHOOK_NAME, created.path("id").asText(), Outcome.CREATED));
            }
            var id = found.get().path("id").asText();
            var moved = !endpoint.equals(found.get().path("endpoint").asText());
            if (moved) {
                var change = mapper.createObjectNode().put("endpoint", endpoint);
                call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.put("/api/v2/webhooks/" + id, wrap("webhook", change))));
            }
            var secret = call(WriteKind.READ, () -> client.send(ZendeskRequest.get("/api/v2/webhooks/" + id + "/signing_secret")))
                    .body().path("signing_secret").path("secret").asText("");
            if (!secret.isEmpty() && !secret.equals(versioned.secrets().webhookSigningSecret())) {
                connections.replaceSecrets(connectionId, versioned.version(), versioned.secrets().withWebhookSigningSecret(secret));
            }
            return remember(record, "webhook", new Item("webhook", WEBHOOK_NAME, id, moved ? Outcome.UPDATED : Outcome.ALREADY_THERE));
        }

        /** Our triggers for tiers the rules no longer have would keep setting a stale priority: they go. */
        void dropTriggersOfRemovedTiers(java.util.Set<String> tierTags) throws InterruptedException {
            var record = child(recorded(), "triggers");
            var stale = new ArrayList<String>();
            record.fieldNames().forEachRemaining(tag -> {
                if (!tierTags.contains(tag)) {
                    stale.add(tag);
                }
            });
            for (var tag : stale) {
                remove("trigger", tag, "/api/v2/triggers", record.path(tag).asText());
                record.remove(tag);
                save();
            }
        }

        /** The view, matched by recorded id else title; its sort is pointed at the current ticket field when it is not. */
        void ensureView(List<JsonNode> existing, ObjectNode spec, String sortBy) throws InterruptedException {
            var record = recorded();
            var recordedId = record.path("view").asLong(-1);
            var found = find(existing, node -> node.path("id").asLong() == recordedId || VIEW_TITLE.equals(node.path("title").asText()));
            if (found.isEmpty()) {
                var created = call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.post("/api/v2/views", wrap("view", spec))))
                        .body().path("view");
                remember(record, "view", new Item("view", VIEW_TITLE, created.path("id").asText(), Outcome.CREATED));
                return;
            }
            var id = found.get().path("id").asLong();
            var execution = found.get().path("execution");
            var intact = sortBy.equals(execution.path("sort_by").asText(execution.path("sort").path("id").asText()));
            if (!intact) {
                var change = mapper.createObjectNode().set("output", spec.get("output"));
                call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.put("/api/v2/views/" + id, wrap("view", change))));
            }
            remember(record, "view", new Item("view", VIEW_TITLE, String.valueOf(id), intact ? Outcome.ALREADY_THERE : Outcome.UPDATED));
        }

        /** Deletes every id recorded under {@code name} (a single id or an object of ids), forgetting each as it goes. */
        void removeAll(String name, String kind, String path) throws InterruptedException {
            var record = recorded();
            var node = record.path(name);
            if (node.isObject()) {
                var names = new ArrayList<String>();
                node.fieldNames().forEachRemaining(names::add);
                for (var each : names) {
                    remove(kind, each, path, node.path(each).asText());
                    ((ObjectNode) node).remove(each);
                    save();
                }
            } else if (node.isValueNode() && !node.asText().isEmpty()) {
                remove(kind, name, path, node.asText());
                record.remove(name);
                save();
            }
        }

        private void remove(String kind, String name, String path, String id) throws InterruptedException {
            try {
                call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.delete(path + "/" + id)));
                items.add(new Item(kind, name, id, Outcome.REMOVED));
            } catch (ZendeskException e) {
                if (!(e.failure() instanceof ZendeskFailure.NotFound)) {
                    throw e;
                }
                items.add(new Item(kind, name, id, Outcome.ALREADY_GONE));
            }
        }

        /** Records the object's id (numeric for fields and triggers, text for webhooks) and returns it. */
        private String remember(ObjectNode record, String name, Item item) {
            items.add(item);
            if (!item.id().equals(record.path(name).asText())) {
                if (item.id().chars().allMatch(Character::isDigit)) {
                    record.put(name, Long.parseLong(item.id()));
                } else {
                    record.put(name, item.id());
                }
                save();
            }
            return item.id();
        }

        private ObjectNode recorded() {
            return child(settings, SETTING);
        }

        /** Writes only our record of ids: other settings (tier rules, profile settings) may change meanwhile. */
        void save() {
            connections.updateSetting(connectionId, SETTING, settings.get(SETTING));
        }

        private <T> T call(WriteKind kind, Supplier<T> action) throws InterruptedException {
            return GovernedCall.run(governor, kind, "provisioning:" + connectionId, sleeper, MAX_THROTTLED_RETRIES, action);
        }
    }

    private ArrayNode missingOptions(JsonNode existing, ObjectNode spec) {
        var missing = mapper.createArrayNode();
        var have = new HashSet<String>();
        existing.path("custom_field_options").forEach(option -> have.add(option.path("value").asText()));
        spec.path("custom_field_options").forEach(option -> {
            if (!have.contains(option.path("value").asText())) {
                missing.add(option);
            }
        });
        return missing;
    }

    private static boolean containsAll(JsonNode have, JsonNode wanted) {
        var present = new ArrayList<JsonNode>();
        have.forEach(present::add);
        for (var each : wanted) {
            if (!present.contains(each)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode child ? child : parent.putObject(name);
    }

    private static Optional<JsonNode> find(List<JsonNode> nodes, Predicate<JsonNode> match) {
        return nodes.stream().filter(match).findFirst();
    }

    private ObjectNode wrap(String name, JsonNode body) {
        var wrapper = mapper.createObjectNode();
        wrapper.set(name, body);
        return wrapper;
    }
}
