package io.engagementbridge.priority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.priority.ProvisioningReport.Item;
import io.engagementbridge.priority.ProvisioningReport.Outcome;
import io.engagementbridge.zendesk.Decision;
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
    /** The connection setting holding the ids of what we created. */
    public static final String SETTING = "provisioned";
    private static final String DESCRIPTION = "Managed by Engagement Bridge from Bloomreach Engagement; removed when the bridge is disconnected.";
    private static final int MAX_THROTTLED_RETRIES = 5;

    private final ConnectionRepository connections;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final JobPoller.Sleeper sleeper;

    public Provisioning(ConnectionRepository connections, ObjectMapper mapper, Clock clock, JobPoller.Sleeper sleeper) {
        this.connections = connections;
        this.mapper = mapper;
        this.clock = clock;
        this.sleeper = sleeper;
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
            run.ensureTrigger(triggers, tier, trigger(tier, ticketFieldId));
        }
        run.dropTriggersOfRemovedTiers(tierTags);

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
                return remember(record, recordName, new Item(singular, name, created.path("id").asLong(), Outcome.CREATED));
            }
            var id = found.get().path("id").asLong();
            var missing = missingOptions(found.get(), spec);
            if (missing.isEmpty()) {
                return remember(record, recordName, new Item(singular, name, id, Outcome.ALREADY_THERE));
            }
            var options = mapper.createArrayNode().addAll((ArrayNode) found.get().path("custom_field_options")).addAll(missing);
            var change = mapper.createObjectNode().set("custom_field_options", options);
            call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.put("/api/v2/" + plural + "/" + id, wrap(singular, change))));
            return remember(record, recordName, new Item(singular, name, id, Outcome.UPDATED));
        }

        /** A tier's trigger, matched by recorded id else title; rewritten when it no longer holds our conditions and actions (e.g. a re-created ticket field). */
        void ensureTrigger(List<JsonNode> existing, Tier tier, ObjectNode spec) throws InterruptedException {
            var record = child(recorded(), "triggers");
            var recordedId = record.path(tier.tag()).asLong(-1);
            var title = spec.path("title").asText();
            var found = find(existing, node -> node.path("id").asLong() == recordedId || title.equals(node.path("title").asText()));
            if (found.isEmpty()) {
                var created = call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.post("/api/v2/triggers", wrap("trigger", spec))))
                        .body().path("trigger");
                remember(record, tier.tag(), new Item("trigger", title, created.path("id").asLong(), Outcome.CREATED));
                return;
            }
            var id = found.get().path("id").asLong();
            var intact = containsAll(found.get().path("conditions").path("all"), spec.path("conditions").path("all"))
                    && containsAll(found.get().path("actions"), spec.path("actions"));
            if (!intact) {
                var change = mapper.createObjectNode();
                change.set("conditions", spec.get("conditions"));
                change.set("actions", spec.get("actions"));
                call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.put("/api/v2/triggers/" + id, wrap("trigger", change))));
            }
            remember(record, tier.tag(), new Item("trigger", title, id, intact ? Outcome.ALREADY_THERE : Outcome.UPDATED));
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
                remove("trigger", tag, "/api/v2/triggers", record.path(tag).asLong());
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
                remember(record, "view", new Item("view", VIEW_TITLE, created.path("id").asLong(), Outcome.CREATED));
                return;
            }
            var id = found.get().path("id").asLong();
            var execution = found.get().path("execution");
            var intact = sortBy.equals(execution.path("sort_by").asText(execution.path("sort").path("id").asText()));
            if (!intact) {
                var change = mapper.createObjectNode().set("output", spec.get("output"));
                call(WriteKind.OTHER_WRITE, () -> client.send(ZendeskRequest.put("/api/v2/views/" + id, wrap("view", change))));
            }
            remember(record, "view", new Item("view", VIEW_TITLE, id, intact ? Outcome.ALREADY_THERE : Outcome.UPDATED));
        }

        /** Deletes every id recorded under {@code name} (a single id or an object of ids), forgetting each as it goes. */
        void removeAll(String name, String kind, String path) throws InterruptedException {
            var record = recorded();
            var node = record.path(name);
            if (node.isObject()) {
                var names = new ArrayList<String>();
                node.fieldNames().forEachRemaining(names::add);
                for (var each : names) {
                    remove(kind, each, path, node.path(each).asLong());
                    ((ObjectNode) node).remove(each);
                    save();
                }
            } else if (node.canConvertToLong()) {
                remove(kind, name, path, node.asLong());
                record.remove(name);
                save();
            }
        }

        private void remove(String kind, String name, String path, long id) throws InterruptedException {
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

        private long remember(ObjectNode record, String name, Item item) {
            items.add(item);
            if (record.path(name).asLong(-1) != item.id()) {
                record.put(name, item.id());
                save();
            }
            return item.id();
        }

        private ObjectNode recorded() {
            return child(settings, SETTING);
        }

        void save() {
            connections.updateSettings(connectionId, settings);
        }

        /** Waits for a permit before each attempt; a 429 blocks the budget it names and the call is tried again. */
        private <T> T call(WriteKind kind, Supplier<T> action) throws InterruptedException {
            for (int attempt = 0; ; attempt++) {
                var permit = permit(kind);
                try {
                    return action.get();
                } catch (ZendeskException e) {
                    if (!(e.failure() instanceof ZendeskFailure.RateLimited limited) || attempt >= MAX_THROTTLED_RETRIES) {
                        throw e;
                    }
                    governor.throttled(permit, limited.retryAfter());
                }
            }
        }

        private Decision.Permit permit(WriteKind kind) throws InterruptedException {
            return governor.await(kind, "provisioning:" + connectionId, sleeper);
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
