package io.engagementbridge.demo.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Answers one customer-attributes entry the way Engagement does: {success, value} or {success:false, error}. */
final class AttributeEvaluator {
    static final String NOT_FOUND = "Not Found";
    static final String NO_PERMISSION = "No permission";
    private static final int DEFAULT_RECOMMENDATION_SIZE = 10;
    private static final int MAX_RECOMMENDATION_SIZE = 100;
    private static final List<String> CATALOG_ATTRIBUTES = List.of("title", "category", "price", "url", "image");

    private final ObjectMapper mapper;

    AttributeEvaluator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode evaluate(SimulatedCustomer customer, JsonNode attribute, String baseUrl, Instant now) {
        if (attribute == null || !attribute.isObject()) {
            return error("Invalid attribute: expected an object");
        }
        var type = text(attribute, "type");
        return switch (type) {
            case "property" -> withRequired(attribute, "property", name -> ok(customer.properties().get(name)));
            case "id" -> withRequired(attribute, "id", name -> ok(idValue(customer, name)));
            case "segmentation" -> withRequired(attribute, "id", id -> segmentation(customer, id));
            case "aggregate" -> withRequired(attribute, "id", id -> aggregate(customer, id));
            case "expression" -> withRequired(attribute, "id", id -> id.equals(SimulatedProject.LAST_PURCHASE_EXPRESSION_ID)
                    ? ok(customer.lastPurchase() == null ? null : customer.lastPurchase().getEpochSecond())
                    : error(NOT_FOUND));
            case "prediction" -> withRequired(attribute, "id", id -> id.equals(SimulatedProject.CHURN_PREDICTION_ID)
                    ? ok(customer.churnScore())
                    : error(NOT_FOUND));
            case "recommendation" -> withRequired(attribute, "id", id -> recommendation(customer, attribute, id, baseUrl));
            case "consent" -> withRequired(attribute, "category", category -> consent(customer, attribute, category, now));
            case "" -> error("Invalid attribute: 'type' is required");
            default -> error("Invalid attribute: unknown type '" + type + "'");
        };
    }

    /** Up to {@code size} recommended items, padded from the catalog when {@code fillWithRandom} is set. */
    ArrayNode recommendations(SimulatedCustomer customer, int size, boolean fillWithRandom, Set<String> whitelist, String baseUrl) {
        var items = mapper.createArrayNode();
        var chosen = new LinkedHashSet<String>();
        for (var id : customer.recommendedProductIds()) {
            if (chosen.size() < size && ProductCatalog.find(id).isPresent()) {
                chosen.add(id);
            }
        }
        for (var id : chosen) {
            items.add(item(ProductCatalog.find(id).orElseThrow(), "personalized", whitelist, baseUrl));
        }
        if (fillWithRandom && chosen.size() < size) {
            // "Random" but stable per customer, so the demo and tests see the same list every time.
            var pool = new ArrayList<>(ProductCatalog.items());
            pool.removeIf(item -> chosen.contains(item.id()));
            pool.sort(Comparator.comparingInt(item -> (customer.email() + ":" + item.id()).hashCode()));
            for (var item : pool.subList(0, Math.min(pool.size(), size - chosen.size()))) {
                items.add(item(item, "random", whitelist, baseUrl));
            }
        }
        return items;
    }

    private ObjectNode recommendation(SimulatedCustomer customer, JsonNode attribute, String id, String baseUrl) {
        if (!id.equals(SimulatedProject.RECOMMENDATION_MODEL_ID)) {
            return error(NOT_FOUND);
        }
        var fill = attribute.get("fillWithRandom");
        if (fill == null || !fill.isBoolean()) {
            return error("Invalid attribute: 'fillWithRandom' is required and must be a boolean");
        }
        var size = attribute.get("size");
        if (size != null && (!size.canConvertToInt() || !size.isIntegralNumber() || size.asInt() < 1 || size.asInt() > MAX_RECOMMENDATION_SIZE)) {
            return error("Invalid attribute: 'size' must be a whole number from 1 to " + MAX_RECOMMENDATION_SIZE);
        }
        Set<String> whitelist = null;
        var whitelistNode = attribute.get("catalogAttributesWhitelist");
        if (whitelistNode != null && whitelistNode.isArray()) {
            whitelist = new HashSet<>();
            for (var name : whitelistNode) {
                whitelist.add(name.asText());
            }
        }
        var value = recommendations(customer, size == null ? DEFAULT_RECOMMENDATION_SIZE : size.asInt(), fill.asBoolean(), whitelist, baseUrl);
        var result = mapper.createObjectNode();
        result.put("success", true);
        result.set("value", value);
        return result;
    }

    private ObjectNode item(CatalogItem item, String engine, Set<String> whitelist, String baseUrl) {
        var node = mapper.createObjectNode();
        node.put("item_id", item.id());
        node.put("product_id", item.id());
        for (var attribute : CATALOG_ATTRIBUTES) {
            if (whitelist != null && !whitelist.contains(attribute)) {
                continue;
            }
            switch (attribute) {
                case "title" -> node.put("title", item.title());
                case "category" -> node.put("category", item.category());
                case "price" -> node.put("price", item.price());
                case "url" -> node.put("url", item.url());
                default -> node.put("image", item.imageUrl(baseUrl));
            }
        }
        node.put("engine_name", engine);
        node.put("recommendation_id", SimulatedProject.RECOMMENDATION_MODEL_ID);
        node.putNull("recommendation_variant_id");
        return node;
    }

    private ObjectNode segmentation(SimulatedCustomer customer, String id) {
        if (id.equals(SimulatedProject.RESTRICTED_SEGMENTATION_ID)) {
            return error(NO_PERMISSION);
        }
        return id.equals(SimulatedProject.EMAIL_ENGAGEMENT_SEGMENTATION_ID) ? ok(customer.emailEngagement()) : error(NOT_FOUND);
    }

    private ObjectNode aggregate(SimulatedCustomer customer, String id) {
        return switch (id) {
            case SimulatedProject.LTV_AGGREGATE_ID -> ok(customer.lifetimeValue());
            case SimulatedProject.ORDERS_AGGREGATE_ID -> ok(customer.orders());
            case SimulatedProject.AVERAGE_ORDER_AGGREGATE_ID -> ok(customer.averageOrderValue());
            default -> error(NOT_FOUND);
        };
    }

    private ObjectNode consent(SimulatedCustomer customer, JsonNode attribute, String category, Instant now) {
        if (!category.equals("newsletter")) {
            return error(NOT_FOUND);
        }
        var mode = attribute.hasNonNull("mode") ? attribute.get("mode").asText() : "valid";
        var consent = customer.newsletterConsent();
        return switch (mode) {
            case "valid" -> ok(consent != null && consent.valid() && (consent.until() == null || consent.until().isAfter(now)));
            case "message" -> ok(consent == null ? null : consent.message());
            case "source" -> ok(consent == null ? null : consent.source());
            case "timestamp" -> ok(consent == null ? null : consent.timestamp().getEpochSecond());
            case "until" -> ok(consent == null || consent.until() == null ? null : consent.until().getEpochSecond());
            default -> error("Invalid attribute: unknown consent mode '" + mode + "'");
        };
    }

    private static Object idValue(SimulatedCustomer customer, String name) {
        return switch (name) {
            case "registered" -> customer.email();
            case "email_id" -> customer.emails();
            case "external_id" -> customer.externalId();
            case "cookie" -> customer.cookies();
            default -> null;
        };
    }

    private ObjectNode withRequired(JsonNode attribute, String key, Function<String, ObjectNode> answer) {
        var value = text(attribute, key);
        return value.isBlank() ? error("Invalid attribute: '" + key + "' is required") : answer.apply(value);
    }

    private ObjectNode ok(Object value) {
        var result = mapper.createObjectNode();
        result.put("success", true);
        result.set("value", value == null ? NullNode.getInstance() : mapper.valueToTree(value));
        return result;
    }

    private ObjectNode error(String message) {
        var result = mapper.createObjectNode();
        result.put("success", false);
        result.put("error", message);
        return result;
    }

    private static String text(JsonNode node, String key) {
        var value = node.get(key);
        return value == null || !value.isValueNode() || value.isNull() ? "" : value.asText();
    }
}
