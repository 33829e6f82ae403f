package io.engagementbridge.demo.engagement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-process stand-in for Bloomreach Engagement: customer attributes, one managed endpoint, events
 * export and event tracking, with HTTP Basic auth and the documented response shapes. Also serves the
 * catalog's product images. Controls (latency, outage, call counter) are thread-safe.
 */
public final class EngagementSimulator {
    private static final String JSON = "application/json";
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US).withZone(ZoneOffset.UTC);
    private static final int MANAGED_ENDPOINT_RECOMMENDATIONS = 3;
    private static final int MAX_BATCH_COMMANDS = 50;
    /** The project's customer ids: tracking under any other id name is refused. */
    private static final Set<String> ID_NAMES = Set.of("registered", "email_id", "external_id", "cookie");
    private static final int MAX_PROPERTY_BYTES = 16 * 1024;

    private final List<SimulatedCustomer> customers;
    private final Instant now;
    private final long startNanos = System.nanoTime();
    private final byte[] expectedCredentials;
    private final String projectToken;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AttributeEvaluator evaluator = new AttributeEvaluator(mapper);
    private final Map<String, SimulatedCustomer> byRegistered = new HashMap<>();
    private final Map<String, SimulatedCustomer> byEmail = new HashMap<>();
    private final Map<String, SimulatedCustomer> byExternalId = new HashMap<>();
    private final Map<String, SimulatedCustomer> byCookie = new HashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong dataApiCalls = new AtomicLong();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<String> publicBaseUrl = new AtomicReference<>();
    private final AtomicReference<String> eventRefusal = new AtomicReference<>();
    private final List<TrackedEvent> tracked = new CopyOnWriteArrayList<>();
    private final Set<TrackedEvent> deduplication = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicatesDiscarded = new AtomicLong();
    private final AtomicLong batchCommands = new AtomicLong();
    private final AtomicLong batchRequests = new AtomicLong();
    private final java.util.Queue<Integer> answeredBatchSizes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicReference<java.util.function.Consumer<TrackedEvent>> onStored = new AtomicReference<>(event -> { });
    private final Javalin app;

    public EngagementSimulator(List<SimulatedCustomer> customers, Instant now, String keyId, String keySecret, String projectToken) {
        this.customers = List.copyOf(customers);
        this.now = Objects.requireNonNull(now, "now");
        this.expectedCredentials = (keyId + ":" + keySecret).getBytes(StandardCharsets.UTF_8);
        this.projectToken = Objects.requireNonNull(projectToken, "projectToken");
        for (var customer : this.customers) {
            byRegistered.putIfAbsent(customer.email(), customer);
            customer.emails().forEach(email -> byEmail.putIfAbsent(email, customer));
            if (customer.externalId() != null) {
                byExternalId.putIfAbsent(customer.externalId(), customer);
            }
            customer.cookies().forEach(cookie -> byCookie.putIfAbsent(cookie, customer));
        }
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/data/v2/projects/{token}/customers/attributes",
                    ctx -> api(ctx, ctx.pathParam("token"), this::attributes));
            config.routes.post("/data/v2/projects/{token}/customers/events",
                    ctx -> api(ctx, ctx.pathParam("token"), this::exportEvents));
            config.routes.post("/data/v2/projects/{token}/customers/export",
                    ctx -> api(ctx, ctx.pathParam("token"), this::exportCustomers));
            config.routes.post("/track/v2/projects/{token}/customers/events",
                    ctx -> api(ctx, ctx.pathParam("token"), this::track));
            config.routes.post("/track/v2/projects/{token}/batch",
                    ctx -> api(ctx, ctx.pathParam("token"), this::batch));
            config.routes.post("/webxp/s/{projectId}/managed-endpoints/{endpointId}",
                    ctx -> api(ctx, ctx.pathParam("projectId"), this::managedEndpoint));
            config.routes.get("/catalog/images/{file}", this::image);
        });
    }

    /** Uses the demo project's key, secret and token. */
    public EngagementSimulator(List<SimulatedCustomer> customers, Instant now) {
        this(customers, now, SimulatedProject.KEY_ID, SimulatedProject.KEY_SECRET, SimulatedProject.PROJECT_TOKEN);
    }

    /** The demo: {@link SeedCustomers#demo()} at {@link SeedCustomers#DEMO_NOW} with the demo credentials. */
    public static EngagementSimulator demo() {
        return new EngagementSimulator(SeedCustomers.demo(), SeedCustomers.DEMO_NOW);
    }

    /** The (not yet started) server; start it with {@code app().start(port)}. */
    public Javalin app() {
        return app;
    }

    public List<SimulatedCustomer> customers() {
        return customers;
    }

    public Optional<SimulatedCustomer> customerByEmail(String email) {
        return Optional.ofNullable(byEmail.get(email));
    }

    /** The simulator's clock: the seed's {@code now} advanced by the time since construction. */
    public Instant currentTime() {
        return now.plusNanos(System.nanoTime() - startNanos);
    }

    /** Delay applied to every API call before it is answered (images are not delayed). */
    public void setLatency(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive");
        }
        this.latency.set(latency);
    }

    /** While down, every API call answers 503. */
    public void setDown(boolean down) {
        this.down.set(down);
    }

    /** From now on, API calls fail as {@code faults} says; {@link Faults#NONE} ends it. */
    public void setFaults(Faults faults) {
        this.faults.set(faults);
    }

    /**
     * While set, every tracked event is refused as invalid with this error (as a project whose event schema
     * rejects it would); null accepts events again.
     */
    public void setEventRefusal(String error) {
        eventRefusal.set(error);
    }

    /** API calls received (answered or refused), excluding image requests. */
    public long calls() {
        return calls.get();
    }

    /** Data API calls (profile reads and exports), without the Tracking API's. */
    public long dataApiCalls() {
        return dataApiCalls.get();
    }

    public void resetCalls() {
        calls.set(0);
        dataApiCalls.set(0);
    }

    /** Events received through the Tracking API, oldest first. */
    public List<TrackedEvent> trackedEvents() {
        return List.copyOf(tracked);
    }

    public void clearTrackedEvents() {
        tracked.clear();
        deduplication.clear();
    }

    /**
     * Events Engagement discarded as duplicates: the same customer ids, event type, timestamp and
     * property values (and types) as one already stored.
     */
    public long duplicatesDiscarded() {
        return duplicatesDiscarded.get();
    }

    /** Called with each event as it is stored (not for discarded duplicates), e.g. to time deliveries. */
    public void onStored(java.util.function.Consumer<TrackedEvent> listener) {
        onStored.set(listener);
    }

    /** Requests to the batch endpoint (answered or refused). */
    public long batchRequests() {
        return batchRequests.get();
    }

    /** How many commands each batch request this simulator answered (not failed as a whole) carried, in arrival order. */
    public List<Integer> answeredBatchSizes() {
        return List.copyOf(answeredBatchSizes);
    }

    /**
     * Base URL used in image links, e.g. "http://localhost:7071". When unset, each response uses the
     * scheme and Host of the request it answers.
     */
    public void setPublicBaseUrl(String baseUrl) {
        publicBaseUrl.set(baseUrl);
    }

    /** The simulated project's one segmentation: by loyalty tier. */
    public static final String LOYALTY_SEGMENTATION = "606c3f6a4d2b1e0012a0b1c2";

    private record Incoming(String authorization, String token, String endpointId, String body, String baseUrl) {
    }

    private record Reply(int status, JsonNode body) {
    }

    @FunctionalInterface
    private interface Operation {
        Reply answer(Incoming incoming, ObjectNode body);
    }

    private void api(Context ctx, String token, Operation operation) {
        var call = calls.incrementAndGet();
        if (ctx.path().startsWith("/data/")) {
            dataApiCalls.incrementAndGet();
        }
        if (ctx.path().endsWith("/batch")) {
            batchRequests.incrementAndGet();
        }
        var faulty = faults.get();
        switch (faulty.forCall(call)) {
            case SERVER_ERROR -> {
                write(ctx, failure(500, "Internal error"));
                return;
            }
            case RATE_LIMITED -> {
                write(ctx, failure(429, "Too many requests"));
                return;
            }
            case INVALID_JSON -> {
                ctx.status(200).contentType(JSON).result("{\"success\": true, \"results\": [");
                return;
            }
            case UNAVAILABLE -> {
                write(ctx, failure(503, "Service unavailable"));
                return;
            }
            case HANG -> {
                ctx.future(() -> CompletableFuture.supplyAsync(() -> failure(503, "Service unavailable"),
                        CompletableFuture.delayedExecutor(faulty.hangFor().toNanos(), TimeUnit.NANOSECONDS)).thenAccept(reply -> write(ctx, reply)));
                return;
            }
            case NONE -> {
            }
        }
        // Read everything from the request now; the answer may be computed on another thread after the delay.
        var incoming = new Incoming(ctx.header("Authorization"), token, ctx.pathParamMap().get("endpointId"), ctx.body(), baseUrl(ctx));
        var delay = latency.get();
        if (delay.isZero()) {
            write(ctx, answer(incoming, operation));
            return;
        }
        ctx.future(() -> CompletableFuture
                .supplyAsync(() -> answer(incoming, operation), CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS))
                .thenAccept(reply -> write(ctx, reply)));
    }

    private Reply answer(Incoming incoming, Operation operation) {
        if (down.get()) {
            return failure(503, "Service unavailable");
        }
        var authorization = incoming.authorization();
        if (authorization == null || authorization.isBlank()) {
            return failure(401, "Access key not provided");
        }
        if (!authenticated(authorization)) {
            return failure(401, "Could not authenticate");
        }
        if (!projectToken.equals(incoming.token())) {
            return failure(400, "Invalid project id");
        }
        JsonNode body;
        try {
            body = mapper.readTree(incoming.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            var invalid = mapper.createObjectNode().put("success", false).put("message", "Invalid JSON");
            return new Reply(400, invalid);
        }
        try {
            return operation.answer(incoming, (ObjectNode) body);
        } catch (RuntimeException e) {
            return failure(500, "Internal error");
        }
    }

    private boolean authenticated(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(decoded, expectedCredentials);
    }

    private Reply attributes(Incoming incoming, ObjectNode body) {
        var ids = body.get("customer_ids");
        if (!hasIds(ids)) {
            return fieldErrors("customer_ids", "At least one id should be specified.");
        }
        var attributes = body.get("attributes");
        if (attributes == null || !attributes.isArray()) {
            return fieldErrors("attributes", "This field is required and must be a list.");
        }
        var customer = find(ids);
        if (customer.isEmpty()) {
            return customerMissing(true);
        }
        var time = currentTime();
        var results = mapper.createArrayNode();
        for (var attribute : attributes) {
            results.add(evaluator.evaluate(customer.get(), attribute, incoming.baseUrl(), time));
        }
        var reply = mapper.createObjectNode().put("success", true);
        reply.set("results", results);
        return new Reply(200, reply);
    }

    private Reply exportEvents(Incoming incoming, ObjectNode body) {
        var ids = body.get("customer_ids");
        if (!hasIds(ids)) {
            return fieldErrors("customer_ids", "At least one id should be specified.");
        }
        var types = body.get("event_types");
        if (types == null || !types.isArray()) {
            return fieldErrors("event_types", "This field is required and must be a list.");
        }
        var order = body.hasNonNull("order") ? body.get("order").asText() : "asc";
        if (!order.equals("asc") && !order.equals("desc")) {
            return fieldErrors("order", "Must be 'asc' or 'desc'.");
        }
        var limit = body.get("limit");
        var skip = body.get("skip");
        if (!isCount(limit)) {
            return fieldErrors("limit", "Must be a non-negative whole number.");
        }
        if (!isCount(skip)) {
            return fieldErrors("skip", "Must be a non-negative whole number.");
        }
        var customer = find(ids);
        if (customer.isEmpty()) {
            return customerMissing(true);
        }
        var wanted = new ArrayList<String>();
        types.forEach(type -> wanted.add(type.asText()));
        var events = new ArrayList<SimulatedEvent>();
        for (var event : customer.get().events()) {
            if (wanted.contains(event.type())) {
                events.add(event);
            }
        }
        for (var event : tracked) {
            if (wanted.contains(event.eventType()) && belongsTo(event, customer.get())) {
                events.add(new SimulatedEvent(event.eventType(), event.timestamp(), event.properties()));
            }
        }
        var comparator = Comparator.comparing(SimulatedEvent::timestamp);
        events.sort(order.equals("desc") ? comparator.reversed() : comparator);
        var data = mapper.createArrayNode();
        events.stream()
                .skip(skip == null ? 0 : skip.asLong())
                .limit(limit == null ? Long.MAX_VALUE : limit.asLong())
                .forEach(event -> {
                    var node = data.addObject();
                    node.put("type", event.type());
                    node.put("timestamp", event.epochSeconds());
                    node.set("properties", mapper.valueToTree(event.properties()));
                });
        var reply = mapper.createObjectNode().put("success", true);
        reply.set("data", data);
        return new Reply(200, reply);
    }

    private Reply track(Incoming incoming, ObjectNode body) {
        var errors = trackEvent(body);
        var reply = mapper.createObjectNode();
        if (!errors.isEmpty()) {
            reply.put("success", false);
            errors.forEach(reply.putArray("errors")::add);
            return new Reply(400, reply);
        }
        reply.putArray("errors");
        reply.put("success", true);
        return new Reply(200, reply);
    }

    /**
     * Up to 50 commands ({@code customers}, {@code customers/events}, {@code system/time}), each answered in
     * {@code results[i]} in order; HTTP 200 even when some commands fail, 400 for a batch that is not one.
     */
    private Reply batch(Incoming incoming, ObjectNode body) {
        var commands = body.get("commands");
        if (commands == null || !commands.isArray() || commands.isEmpty()) {
            return new Reply(400, mapper.createObjectNode().put("success", false).put("message", "No commands"));
        }
        if (commands.size() > MAX_BATCH_COMMANDS) {
            return new Reply(400, mapper.createObjectNode().put("success", false)
                    .put("message", "Too many commands: at most " + MAX_BATCH_COMMANDS + " per batch"));
        }
        answeredBatchSizes.add(commands.size());
        var start = currentTime();
        var results = mapper.createArrayNode();
        var faulty = faults.get();
        for (var command : commands) {
            var result = results.addObject();
            if (faulty.failsCommand(batchCommands.incrementAndGet())) {
                result.put("success", false).putArray("errors").add("Internal error");
                continue;
            }
            var name = command.path("name").asText("");
            var data = command.path("data");
            List<String> errors;
            switch (name) {
                case "customers/events" -> errors = data.isObject() ? trackEvent((ObjectNode) data) : List.of("Data must be an object.");
                case "customers" -> errors = data.isObject() ? customerUpdate((ObjectNode) data) : List.of("Data must be an object.");
                case "system/time" -> {
                    errors = List.of();
                    result.put("time", epochSeconds(currentTime()));
                }
                default -> errors = List.of("Unknown command name: " + name);
            }
            if (errors.isEmpty()) {
                result.put("success", true);
            } else {
                result.put("success", false);
                errors.forEach(result.putArray("errors")::add);
            }
        }
        var reply = mapper.createObjectNode();
        reply.set("results", results);
        reply.put("start_time", epochSeconds(start));
        reply.put("end_time", epochSeconds(currentTime()));
        reply.put("success", true);
        return new Reply(200, reply);
    }

    /** Validates and stores one event; a duplicate of a stored one is discarded (and still succeeds). Returns the errors. */
    private List<String> trackEvent(ObjectNode body) {
        var errors = new ArrayList<String>();
        var ids = body.get("customer_ids");
        if (!hasIds(ids)) {
            errors.add("At least one id should be specified.");
        } else {
            ids.fieldNames().forEachRemaining(name -> {
                if (!ID_NAMES.contains(name)) {
                    errors.add("Customer id '" + name + "' is not defined in this project.");
                }
            });
        }
        var refusal = eventRefusal.get();
        if (refusal != null) {
            errors.add(refusal);
        }
        var eventType = body.get("event_type");
        if (eventType == null || !eventType.isTextual() || eventType.asText().isBlank()) {
            errors.add("Event type must be a non-empty string.");
        }
        var properties = body.get("properties");
        if (properties != null && !properties.isNull() && !properties.isObject()) {
            errors.add("Properties must be an object.");
        }
        if (properties != null && properties.isObject()) {
            properties.fields().forEachRemaining(entry -> {
                var value = entry.getValue().isTextual() ? entry.getValue().asText() : entry.getValue().toString();
                if (value.getBytes(StandardCharsets.UTF_8).length > MAX_PROPERTY_BYTES) {
                    errors.add("Property " + entry.getKey() + " is larger than 16 KB.");
                }
            });
        }
        Instant timestamp = currentTime();
        var rawTimestamp = body.get("timestamp");
        if (rawTimestamp != null && !rawTimestamp.isNull()) {
            timestamp = timestamp(rawTimestamp);
            if (timestamp == null) {
                errors.add("Timestamp must be UNIX seconds or an ISO 8601 date-time.");
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        var customerIds = new LinkedHashMap<String, String>();
        ids.fields().forEachRemaining(entry -> customerIds.put(entry.getKey(), entry.getValue().asText()));
        Map<String, Object> values = properties == null || properties.isNull()
                ? Map.of()
                : mapper.convertValue(properties, mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        var event = new TrackedEvent(customerIds, eventType.asText(), values, timestamp);
        if (deduplication.add(event)) {
            tracked.add(event);
            onStored.get().accept(event);
        } else {
            duplicatesDiscarded.incrementAndGet();
        }
        return List.of();
    }

    private List<String> customerUpdate(ObjectNode body) {
        var errors = new ArrayList<String>();
        if (!hasIds(body.get("customer_ids"))) {
            errors.add("At least one id should be specified.");
        }
        if (!body.path("properties").isObject()) {
            errors.add("Properties must be an object.");
        }
        return errors;
    }

    private static double epochSeconds(Instant time) {
        return time.getEpochSecond() + time.getNano() / 1e9;
    }

    /** Plays a marketer's Jinja template that renders a JSON object for the sidebar. */
    private Reply managedEndpoint(Incoming incoming, ObjectNode body) {
        if (!SimulatedProject.MANAGED_ENDPOINT_ID.equals(incoming.endpointId())) {
            return failure(404, "Not Found");
        }
        var ids = body.get("customer_ids");
        if (!hasIds(ids)) {
            return fieldErrors("customer_ids", "At least one id should be specified.");
        }
        var found = find(ids);
        if (found.isEmpty()) {
            return customerMissing(false);
        }
        var customer = found.get();
        var rendered = mapper.createObjectNode();
        rendered.put("Name", customer.fullName());
        rendered.put("Lifetime value", String.format(Locale.US, "$%,.2f", customer.lifetimeValue()));
        rendered.put("RFM segment", Objects.requireNonNullElse(customer.rfmSegment(), ""));
        rendered.put("Loyalty tier", Objects.requireNonNullElse(customer.loyaltyTier(), ""));
        rendered.put("Email engagement", Objects.requireNonNullElse(customer.emailEngagement(), ""));
        rendered.put("Last purchase", customer.lastPurchase() == null ? "" : US_DATE.format(customer.lastPurchase()));
        // Like a template without autoescaping: values go into the markup verbatim.
        var html = new StringBuilder("<b>Recommended:</b><ul>");
        for (var item : evaluator.recommendations(customer, MANAGED_ENDPOINT_RECOMMENDATIONS, true, null, incoming.baseUrl())) {
            html.append("<li><a href='").append(item.path("url").asText()).append("'><img src='")
                    .append(item.path("image").asText()).append("' width=48 alt=''> ")
                    .append(item.path("title").asText()).append("</a></li>");
        }
        html.append("</ul>");
        rendered.put("html", html.toString());
        return new Reply(200, rendered);
    }

    private void image(Context ctx) {
        var file = ctx.pathParam("file");
        var svg = file.endsWith(".svg") ? ProductCatalog.svg(file.substring(0, file.length() - 4)) : Optional.<String>empty();
        if (svg.isEmpty()) {
            ctx.status(404).contentType("text/plain").result("Not Found");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        ctx.contentType("image/svg+xml").result(svg.get());
    }

    private Optional<SimulatedCustomer> find(JsonNode ids) {
        var fields = ids.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            var values = entry.getValue().isArray() ? entry.getValue() : List.of(entry.getValue());
            for (var value : values) {
                if (!value.isValueNode() || value.isNull()) {
                    continue;
                }
                var customer = index(entry.getKey()).get(value.asText());
                if (customer != null) {
                    return Optional.of(customer);
                }
            }
        }
        return Optional.empty();
    }

    private Map<String, SimulatedCustomer> index(String idName) {
        return switch (idName) {
            case "registered" -> byRegistered;
            case "email_id" -> byEmail;
            case "external_id" -> byExternalId;
            case "cookie" -> byCookie;
            default -> Map.of();
        };
    }

    private boolean belongsTo(TrackedEvent event, SimulatedCustomer customer) {
        for (var id : event.customerIds().entrySet()) {
            if (index(id.getKey()).get(id.getValue()) == customer) {
                return true;
            }
        }
        return false;
    }

    /**
     * Export all customers ({@code format: table_json}): a header of {@code ids.*} and {@code properties.*}
     * columns and a row per customer, optionally only one segment of a segmentation. The project stores
     * LTV as the customer property {@code lifetime_value}. The one segmentation is
     * {@link #LOYALTY_SEGMENTATION}, its segments the loyalty tiers in {@link SeedCustomers#LOYALTY_TIERS} order.
     */
    private Reply exportCustomers(Incoming incoming, ObjectNode body) {
        var format = body.path("format").asText("");
        if (!format.equals("table_json")) {
            return fieldErrors("format", format.isEmpty() ? "This field is required." : "Only table_json is supported by this simulator.");
        }
        var filter = body.path("filter");
        var selected = customers;
        if (filter.path("type").asText("all").equals("segment")) {
            if (!LOYALTY_SEGMENTATION.equals(filter.path("segmentation_id").asText())) {
                return fieldErrors("filter", "Segmentation " + filter.path("segmentation_id").asText() + " does not exist.");
            }
            var index = filter.path("segment_index").asInt(-1);
            if (index < 0 || index >= SeedCustomers.LOYALTY_TIERS.size()) {
                return fieldErrors("filter", "Segment index " + filter.path("segment_index") + " is out of range.");
            }
            var tier = SeedCustomers.LOYALTY_TIERS.get(index);
            selected = customers.stream().filter(c -> tier.equals(c.loyaltyTier())).toList();
        }
        var columns = List.of("ids.registered", "ids.external_id", "properties.first_name", "properties.last_name", "properties.email",
                "properties.lifetime_value", "properties.rfm_segment", "properties.loyalty_tier", "properties.loyalty_points");
        var reply = mapper.createObjectNode().put("success", true);
        var header = reply.putArray("header");
        columns.forEach(header::add);
        var rows = reply.putArray("rows");
        for (var customer : selected) {
            var row = rows.addArray();
            row.add(customer.email());
            row.add(customer.externalId());
            row.add(customer.firstName());
            row.add(customer.lastName());
            row.add(customer.email());
            row.add(customer.lifetimeValue());
            row.add(customer.rfmSegment());
            row.add(customer.loyaltyTier());
            row.add(customer.loyaltyPoints());
        }
        return new Reply(200, reply);
    }

    private static boolean hasIds(JsonNode ids) {
        return ids != null && ids.isObject() && ids.size() > 0;
    }

    private static boolean isCount(JsonNode node) {
        return node == null || node.isNull() || (node.isIntegralNumber() && node.asLong() >= 0);
    }

    private static Instant timestamp(JsonNode raw) {
        if (raw.isNumber()) {
            var seconds = raw.asDouble();
            var whole = (long) Math.floor(seconds);
            return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000_000L));
        }
        if (raw.isTextual()) {
            try {
                return OffsetDateTime.parse(raw.asText()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private String baseUrl(Context ctx) {
        var configured = publicBaseUrl.get();
        if (configured != null) {
            return configured;
        }
        var host = ctx.host();
        return ctx.scheme() + "://" + (host == null || host.isBlank() ? "localhost:" + app.port() : host);
    }

    private Reply failure(int status, String error) {
        return new Reply(status, mapper.createObjectNode().put("success", false).put("error", error));
    }

    private Reply fieldErrors(String field, String message) {
        var reply = mapper.createObjectNode().put("success", false);
        reply.putObject("errors").putArray(field).add(message);
        return new Reply(400, reply);
    }

    /** The Data API puts "errors" first (as Engagement's own clients show it); the managed endpoint "success" first. */
    private Reply customerMissing(boolean errorsFirst) {
        var reply = mapper.createObjectNode();
        if (!errorsFirst) {
            reply.put("success", false);
        }
        reply.putObject("errors").putArray("_global").add("Customer does not exist");
        if (errorsFirst) {
            reply.put("success", false);
        }
        return new Reply(404, reply);
    }

    private void write(Context ctx, Reply reply) {
        try {
            ctx.status(reply.status()).contentType(JSON).result(mapper.writeValueAsString(reply.body()));
        } catch (JsonProcessingException e) {
            ctx.status(500).contentType(JSON).result("{\"success\":false,\"error\":\"Internal error\"}");
        }
    }
}
