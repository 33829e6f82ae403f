package io.engagementbridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.App;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An Engagement upstream where every value is hostile. Customer {@link #email(int) hostile-i} gets
 * payload i in each kind of value the sidebar renders ({@link #KINDS}); property "label-k" always holds
 * payload k, in rows that {@link #labelFields} labels with payload k too. The Managed Endpoint answers
 * every payload as a key and (shifted by one) as a value.
 */
final class HostileEngagement extends Dispatcher {
    static final String MANAGED_ENDPOINT_PATH = "/webxp/s/hostile-project/managed-endpoints/hostile-endpoint";
    static final String LIST_LABEL = "Soft ids";
    static final String NESTED_LABEL = "Nested";
    static final String DENIED_LABEL = "Denied";
    static final String PRODUCTS_LABEL = "Recommended";
    /** A harmless second recommendation, so every product list holds at least one real link. */
    static final String PLAIN_PRODUCT = "Plain item";
    /** Rows whose whole text is the customer's payload: plain, badge, numbers, money, percent, dates, consent. */
    static final List<String> TEXT_LABELS = List.of("Lifetime value", "RFM segment", "Loyalty tier", "Segment", "Orders",
            "Churn risk", "Last purchase", "Waited", "Consent message");
    /** The fields setting with one row of each kind of value. */
    static final String KINDS = "[" + """
            {"type":"aggregate","id":"ltv","label":"Lifetime value","role":"ltv"},
            {"type":"property","property":"rfm","label":"RFM segment","role":"rfm"},
            {"type":"property","property":"tier","label":"Loyalty tier","role":"loyalty"},
            {"type":"segmentation","id":"segment","label":"Segment"},
            {"type":"property","property":"orders","label":"Orders","format":"number"},
            {"type":"prediction","id":"churn","label":"Churn risk","format":"percent"},
            {"type":"expression","id":"last","label":"Last purchase","format":"date"},
            {"type":"property","property":"waited","label":"Waited","format":"duration"},
            {"type":"consent","category":"newsletter","mode":"message","label":"Consent message"},
            {"type":"id","id":"cookie","label":"Soft ids"},
            {"type":"property","property":"nested","label":"Nested"},
            {"type":"property","property":"denied","label":"Denied"},
            {"type":"recommendation","id":"recs","label":"Recommended","size":2,"fillWithRandom":false}""" + "]";
    private static final Pattern CUSTOMER = Pattern.compile("hostile-(\\d+)@example\\.test");

    private final List<String> payloads;
    private final ObjectMapper mapper = App.mapper();

    HostileEngagement(List<String> payloads) {
        this.payloads = List.copyOf(payloads);
    }

    static String email(int index) {
        return "hostile-" + index + "@example.test";
    }

    /** A fields setting with a row labelled with each payload in {@code labelled}. */
    String labelFields(List<Integer> labelled) {
        var fields = mapper.createArrayNode();
        labelled.forEach(k -> fields.addObject().put("type", "property").put("property", "label-" + k).put("label", payloads.get(k)));
        return fields.toString();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        var target = request.getTarget();
        try {
            var body = mapper.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
            var matcher = CUSTOMER.matcher(body.path("customer_ids").path("registered").asText());
            if (!matcher.matches()) {
                return json(404, "{\"success\":false,\"errors\":{\"_global\":[\"Customer does not exist\"]}}");
            }
            var payload = payloads.get(Integer.parseInt(matcher.group(1)));
            if (target.endsWith("/customers/attributes")) {
                return json(200, attributes(body.path("attributes"), payload).toString());
            }
            if (target.equals(MANAGED_ENDPOINT_PATH)) {
                return json(200, managedEndpoint().toString());
            }
            if (target.endsWith("/customers/events")) {
                return json(200, events(payload).toString());
            }
            return json(404, "{\"success\":false,\"error\":\"Not Found\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One recent event whose type and telling properties all carry the payload. */
    private ObjectNode events(String payload) {
        var answer = mapper.createObjectNode().put("success", true);
        answer.putArray("data").addObject().put("type", payload).put("timestamp", 1_700_000_000)
                .putObject("properties").put("product", payload).put("status", payload).put("url", payload);
        return answer;
    }

    private ObjectNode attributes(JsonNode attributes, String payload) {
        var answer = mapper.createObjectNode().put("success", true);
        var results = answer.putArray("results");
        for (var attribute : attributes) {
            var name = attribute.path("property").asText(attribute.path("id").asText());
            var result = results.addObject();
            if (name.equals("denied")) {
                result.put("success", false).put("error", payload);
                continue;
            }
            result.put("success", true);
            if (name.startsWith("label-")) {
                result.put("value", payloads.get(Integer.parseInt(name.substring("label-".length()))));
            } else if (name.equals("cookie")) {
                result.putArray("value").add("plain-id").add(payload);
            } else if (name.equals("nested")) {
                result.putObject("value").put(payload, payload);
            } else if (name.equals("recs")) {
                var products = result.putArray("value");
                products.addObject().put("title", payload).put("url", payload).put("image", payload).put("price", payload);
                products.addObject().put("title", PLAIN_PRODUCT).put("url", "http://127.0.0.1:9/item");
            } else {
                result.put("value", payload);
            }
        }
        return answer;
    }

    private ObjectNode managedEndpoint() {
        var answer = mapper.createObjectNode();
        for (int i = 0; i < payloads.size(); i++) {
            answer.put(payloads.get(i), payloads.get((i + 1) % payloads.size()));
        }
        var list = answer.putArray(LIST_LABEL);
        payloads.forEach(list::add);
        answer.putObject(NESTED_LABEL).put(payloads.get(0), payloads.get(1));
        return answer;
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
}
