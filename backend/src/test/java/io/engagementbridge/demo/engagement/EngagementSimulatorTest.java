package io.engagementbridge.demo.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.engagementbridge.demo.engagement.SimulatedProject.AVERAGE_ORDER_AGGREGATE_ID;
import static io.engagementbridge.demo.engagement.SimulatedProject.CHURN_PREDICTION_ID;
import static io.engagementbridge.demo.engagement.SimulatedProject.EMAIL_ENGAGEMENT_SEGMENTATION_ID;
import static io.engagementbridge.demo.engagement.SimulatedProject.LAST_PURCHASE_EXPRESSION_ID;
import static io.engagementbridge.demo.engagement.SimulatedProject.LTV_AGGREGATE_ID;
import static io.engagementbridge.demo.engagement.SimulatedProject.ORDERS_AGGREGATE_ID;
import static io.engagementbridge.demo.engagement.SimulatedProject.PROJECT_TOKEN;
import static io.engagementbridge.demo.engagement.SimulatedProject.RECOMMENDATION_MODEL_ID;
import static io.engagementbridge.demo.engagement.SimulatedProject.RESTRICTED_SEGMENTATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

class EngagementSimulatorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ATTRIBUTES = "/data/v2/projects/" + PROJECT_TOKEN + "/customers/attributes";
    private static final String EXPORT = "/data/v2/projects/" + PROJECT_TOKEN + "/customers/events";
    private static final String TRACK = "/track/v2/projects/" + PROJECT_TOKEN + "/customers/events";
    private static final String AUTH = basic(SimulatedProject.KEY_ID, SimulatedProject.KEY_SECRET);
    private static final String ADA = "{\"registered\":\"ada.lovelace@example.com\"}";

    private final EngagementSimulator simulator = EngagementSimulator.demo();
    private final SimulatedCustomer ada = simulator.customers().get(0);

    @Test
    void missing_credentials_answer_401_access_key_not_provided() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, ATTRIBUTES, attributes(ADA, "{\"type\":\"id\",\"id\":\"registered\"}"), null);
            assertThat(response.code()).isEqualTo(401);
            assertThat(json(response)).isEqualTo(json("{\"success\":false,\"error\":\"Access key not provided\"}"));
        });
    }

    @Test
    void wrong_secret_answers_401_could_not_authenticate() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var body = attributes(ADA, "{\"type\":\"id\",\"id\":\"registered\"}");
            for (var authorization : List.of(basic(SimulatedProject.KEY_ID, "wrong"), "Token " + SimulatedProject.KEY_SECRET, "Basic %%%")) {
                var response = post(client, ATTRIBUTES, body, authorization);
                assertThat(response.code()).isEqualTo(401);
                assertThat(json(response)).isEqualTo(json("{\"success\":false,\"error\":\"Could not authenticate\"}"));
            }
        });
    }

    @Test
    void wrong_project_token_answers_400_invalid_project_id() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, "/data/v2/projects/00000000-0000-0000-0000-000000000000/customers/attributes",
                    attributes(ADA, "{\"type\":\"id\",\"id\":\"registered\"}"), AUTH);
            assertThat(response.code()).isEqualTo(400);
            assertThat(json(response)).isEqualTo(json("{\"success\":false,\"error\":\"Invalid project id\"}"));
        });
    }

    @Test
    void malformed_json_answers_400_invalid_json() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            for (var body : List.of("{\"customer_ids\":", "[1,2]", "")) {
                var response = post(client, ATTRIBUTES, body, AUTH);
                assertThat(response.code()).isEqualTo(400);
                assertThat(json(response)).isEqualTo(json("{\"success\":false,\"message\":\"Invalid JSON\"}"));
            }
        });
    }

    @Test
    void variant_credentials_are_honoured() {
        var variant = new EngagementSimulator(SeedCustomers.demo(), SeedCustomers.DEMO_NOW, "id-1", "secret-1", "token-1234");
        JavalinTest.test(variant.app(), (server, client) -> {
            var body = attributes(ADA, "{\"type\":\"id\",\"id\":\"registered\"}");
            assertThat(post(client, "/data/v2/projects/token-1234/customers/attributes", body, basic("id-1", "secret-1")).code()).isEqualTo(200);
            assertThat(post(client, "/data/v2/projects/token-1234/customers/attributes", body, AUTH).code()).isEqualTo(401);
            assertThat(post(client, ATTRIBUTES, body, basic("id-1", "secret-1")).code()).isEqualTo(400);
        });
    }

    @Test
    void attributes_of_every_type_answer_in_request_order() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, ATTRIBUTES, attributes(ADA,
                    "{\"type\":\"property\",\"property\":\"first_name\"}",
                    "{\"type\":\"property\",\"property\":\"loyalty_tier\"}",
                    "{\"type\":\"property\",\"property\":\"no_such_property\"}",
                    "{\"type\":\"id\",\"id\":\"registered\"}",
                    "{\"type\":\"id\",\"id\":\"cookie\"}",
                    "{\"type\":\"id\",\"id\":\"external_id\"}",
                    "{\"type\":\"segmentation\",\"id\":\"" + EMAIL_ENGAGEMENT_SEGMENTATION_ID + "\"}",
                    "{\"type\":\"aggregate\",\"id\":\"" + LTV_AGGREGATE_ID + "\"}",
                    "{\"type\":\"aggregate\",\"id\":\"" + ORDERS_AGGREGATE_ID + "\"}",
                    "{\"type\":\"aggregate\",\"id\":\"" + AVERAGE_ORDER_AGGREGATE_ID + "\"}",
                    "{\"type\":\"expression\",\"id\":\"" + LAST_PURCHASE_EXPRESSION_ID + "\"}",
                    "{\"type\":\"prediction\",\"id\":\"" + CHURN_PREDICTION_ID + "\"}",
                    "{\"type\":\"consent\",\"category\":\"newsletter\",\"mode\":\"valid\"}",
                    "{\"type\":\"consent\",\"category\":\"newsletter\",\"mode\":\"source\"}",
                    "{\"type\":\"consent\",\"category\":\"newsletter\",\"mode\":\"until\"}",
                    "{\"type\":\"recommendation\",\"id\":\"" + RECOMMENDATION_MODEL_ID + "\",\"size\":2,\"fillWithRandom\":true}"), AUTH);
            assertThat(response.code()).isEqualTo(200);
            var body = json(response);
            assertThat(body.path("success").asBoolean()).isTrue();
            var values = new ArrayList<JsonNode>();
            for (var result : body.path("results")) {
                assertThat(result.path("success").asBoolean()).as(result.toString()).isTrue();
                values.add(result.get("value"));
            }
            assertThat(values).hasSize(16);
            assertThat(values.get(0).asText()).isEqualTo("Ada");
            assertThat(values.get(1).asText()).isEqualTo("Platinum");
            assertThat(values.get(2).isNull()).isTrue();
            assertThat(values.get(3).asText()).isEqualTo("ada.lovelace@example.com");
            assertThat(values.get(4).isArray()).isTrue();
            assertThat(values.get(4).get(0).asText()).isEqualTo(ada.cookies().get(0));
            assertThat(values.get(5).asText()).isEqualTo("C-1001");
            assertThat(values.get(6).asText()).isEqualTo("Active");
            assertThat(values.get(7).asDouble()).isEqualTo(12_845.50);
            assertThat(values.get(8).asInt()).isEqualTo(ada.orders());
            assertThat(values.get(9).asDouble()).isEqualTo(ada.averageOrderValue());
            assertThat(values.get(10).asLong()).isEqualTo(ada.lastPurchase().getEpochSecond());
            assertThat(values.get(11).asDouble()).isBetween(0.0, 1.0);
            assertThat(values.get(12).asBoolean()).isTrue();
            assertThat(values.get(13).asText()).isEqualTo("checkout");
            assertThat(values.get(14).isNull()).isTrue();
            var recommendations = values.get(15);
            assertThat(recommendations).hasSize(2);
            var item = recommendations.get(0);
            assertThat(item.path("item_id").asText()).isEqualTo(ada.recommendedProductIds().get(0));
            assertThat(item.path("product_id").asText()).isEqualTo(item.path("item_id").asText());
            assertThat(item.path("url").asText()).isEqualTo("https://shop.example/p/" + item.path("item_id").asText());
            assertThat(item.path("image").asText()).startsWith("http://").endsWith("/catalog/images/" + item.path("item_id").asText() + ".svg");
            assertThat(item.path("title").asText()).isNotBlank();
            assertThat(item.path("price").isNumber()).isTrue();
            assertThat(item.path("recommendation_id").asText()).isEqualTo(RECOMMENDATION_MODEL_ID);
            assertThat(item.has("recommendation_variant_id") && item.get("recommendation_variant_id").isNull()).isTrue();
        });
    }

    @Test
    void recommendations_are_padded_only_when_fill_with_random_is_set() {
        var alan = simulator.customers().get(2);
        JavalinTest.test(simulator.app(), (server, client) -> {
            var ids = "{\"registered\":\"alan.turing@example.com\"}";
            var padded = json(post(client, ATTRIBUTES, attributes(ids,
                    "{\"type\":\"recommendation\",\"id\":\"" + RECOMMENDATION_MODEL_ID + "\",\"size\":5,\"fillWithRandom\":true}"), AUTH));
            var plain = json(post(client, ATTRIBUTES, attributes(ids,
                    "{\"type\":\"recommendation\",\"id\":\"" + RECOMMENDATION_MODEL_ID + "\",\"size\":5,\"fillWithRandom\":false}"), AUTH));
            assertThat(padded.at("/results/0/value")).hasSize(5);
            assertThat(padded.at("/results/0/value/4/engine_name").asText()).isEqualTo("random");
            assertThat(plain.at("/results/0/value")).hasSize(alan.recommendedProductIds().size());
        });
    }

    @Test
    void per_field_errors_answer_no_permission_and_not_found_with_http_200() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, ATTRIBUTES, attributes(ADA,
                    "{\"type\":\"segmentation\",\"id\":\"" + RESTRICTED_SEGMENTATION_ID + "\"}",
                    "{\"type\":\"aggregate\",\"id\":\"ffffffffffffffffffffffff\"}",
                    "{\"type\":\"property\",\"property\":\"first_name\"}",
                    "{\"type\":\"recommendation\",\"id\":\"ffffffffffffffffffffffff\",\"fillWithRandom\":true}",
                    "{\"type\":\"consent\",\"category\":\"sms\"}"), AUTH);
            assertThat(response.code()).isEqualTo(200);
            assertThat(json(response)).isEqualTo(json("{\"success\":true,\"results\":["
                    + "{\"success\":false,\"error\":\"No permission\"},"
                    + "{\"success\":false,\"error\":\"Not Found\"},"
                    + "{\"success\":true,\"value\":\"Ada\"},"
                    + "{\"success\":false,\"error\":\"Not Found\"},"
                    + "{\"success\":false,\"error\":\"Not Found\"}]}"));
        });
    }

    @Test
    void malformed_attributes_fail_only_their_own_entry() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, ATTRIBUTES, attributes(ADA,
                    "{\"type\":\"aggregation\",\"id\":\"" + LTV_AGGREGATE_ID + "\"}",
                    "{\"type\":\"segmentation\"}",
                    "{\"property\":\"first_name\"}",
                    "\"first_name\"",
                    "{\"type\":\"recommendation\",\"id\":\"" + RECOMMENDATION_MODEL_ID + "\"}",
                    "{\"type\":\"property\",\"property\":\"last_name\"}"), AUTH);
            assertThat(response.code()).isEqualTo(200);
            var results = json(response).path("results");
            assertThat(results).hasSize(6);
            for (int i = 0; i < 5; i++) {
                assertThat(results.get(i).path("success").asBoolean()).isFalse();
                assertThat(results.get(i).path("error").asText()).startsWith("Invalid attribute");
            }
            assertThat(results.get(5).path("value").asText()).isEqualTo("Lovelace");
        });
    }

    @Test
    void customer_is_found_by_secondary_email_id_and_by_external_id() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var name = "{\"type\":\"property\",\"property\":\"last_name\"}";
            for (var ids : List.of("{\"email_id\":\"ada@analytical.example\"}", "{\"email_id\":\"ada.lovelace@example.com\"}",
                    "{\"external_id\":\"C-1001\"}", "{\"registered\":\"nobody@example.com\",\"external_id\":\"C-1001\"}",
                    "{\"cookie\":\"" + ada.cookies().get(0) + "\"}")) {
                var response = post(client, ATTRIBUTES, attributes(ids, name), AUTH);
                assertThat(response.code()).as(ids).isEqualTo(200);
                assertThat(json(response).at("/results/0/value").asText()).isEqualTo("Lovelace");
            }
        });
    }

    @Test
    void registered_id_matches_only_the_exact_stored_email() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var name = "{\"type\":\"property\",\"property\":\"last_name\"}";
            for (var ids : List.of("{\"registered\":\"Ada.Lovelace@example.com\"}", "{\"registered\":\"ada@analytical.example\"}")) {
                var response = post(client, ATTRIBUTES, attributes(ids, name), AUTH);
                assertThat(response.code()).as(ids).isEqualTo(404);
            }
        });
    }

    @Test
    void unknown_customer_answers_404_with_global_error() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, ATTRIBUTES, attributes("{\"registered\":\"nobody@example.com\"}",
                    "{\"type\":\"property\",\"property\":\"first_name\"}"), AUTH);
            assertThat(response.code()).isEqualTo(404);
            assertThat(response.body().string()).isEqualTo("{\"errors\":{\"_global\":[\"Customer does not exist\"]},\"success\":false}");
        });
    }

    @Test
    void missing_customer_ids_answer_400() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, ATTRIBUTES, "{\"customer_ids\":{},\"attributes\":[]}", AUTH);
            assertThat(response.code()).isEqualTo(400);
            assertThat(json(response).path("success").asBoolean()).isFalse();
        });
    }

    @Test
    void managed_endpoint_answers_the_rendered_object_in_template_order() {
        simulator.setPublicBaseUrl("http://demo.local:7071");
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, SimulatedProject.managedEndpointPath(), "{\"customer_ids\":" + ADA + "}", AUTH);
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.headers().get("Content-Type").get(0)).startsWith("application/json");
            var body = json(response);
            var keys = new ArrayList<String>();
            body.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("Name", "Lifetime value", "RFM segment", "Loyalty tier", "Email engagement", "Last purchase", "html");
            assertThat(body.path("Name").asText()).isEqualTo("Ada Lovelace");
            assertThat(body.path("Lifetime value").asText()).isEqualTo("$12,845.50");
            assertThat(body.path("RFM segment").asText()).isEqualTo("Champions");
            assertThat(body.path("Loyalty tier").asText()).isEqualTo("Platinum");
            assertThat(body.path("Email engagement").asText()).isEqualTo("Active");
            assertThat(body.path("Last purchase").asText()).matches("\\d\\d/\\d\\d/\\d{4}");
            assertThat(body.path("html").asText())
                    .startsWith("<b>Recommended:</b><ul><li><a href='https://shop.example/p/" + ada.recommendedProductIds().get(0) + "'>")
                    .contains("<img src='http://demo.local:7071/catalog/images/")
                    .endsWith("</a></li></ul>");
        });
    }

    @Test
    void managed_endpoint_renders_hostile_values_verbatim() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, SimulatedProject.managedEndpointPath(), "{\"customer_ids\":{\"registered\":\"mallory@example.com\"}}", AUTH);
            var body = json(response);
            assertThat(body.path("Name").asText()).isEqualTo("<img src=x onerror=alert(1)> \"><script>alert(2)</script>");
            assertThat(body.path("html").asText()).contains("href='javascript:alert(6)'").contains("data:text/html,<script>alert(7)</script>");
        });
    }

    @Test
    void managed_endpoint_unknown_customer_and_unknown_endpoint_answer_404() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var missing = post(client, SimulatedProject.managedEndpointPath(), "{\"customer_ids\":{\"registered\":\"nobody@example.com\"}}", AUTH);
            assertThat(missing.code()).isEqualTo(404);
            assertThat(missing.body().string()).isEqualTo("{\"success\":false,\"errors\":{\"_global\":[\"Customer does not exist\"]}}");
            var unknown = post(client, "/webxp/s/" + PROJECT_TOKEN + "/managed-endpoints/000000000000000000000000", "{\"customer_ids\":" + ADA + "}", AUTH);
            assertThat(unknown.code()).isEqualTo(404);
            assertThat(post(client, SimulatedProject.managedEndpointPath(), "{\"customer_ids\":" + ADA + "}", null).code()).isEqualTo(401);
        });
    }

    @Test
    void events_export_filters_by_type_orders_descending_and_limits() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, EXPORT, "{\"customer_ids\":" + ADA
                    + ",\"event_types\":[\"purchase\",\"view_item\",\"session_start\"],\"order\":\"desc\",\"limit\":3}", AUTH);
            assertThat(response.code()).isEqualTo(200);
            var body = json(response);
            assertThat(body.path("success").asBoolean()).isTrue();
            var data = body.path("data");
            var expected = ada.events().stream()
                    .filter(e -> List.of("purchase", "view_item", "session_start").contains(e.type()))
                    .sorted((a, b) -> b.timestamp().compareTo(a.timestamp()))
                    .limit(3)
                    .toList();
            assertThat(data).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(data.get(i).path("type").asText()).isEqualTo(expected.get(i).type());
                assertThat(data.get(i).path("timestamp").asDouble()).isEqualTo(expected.get(i).epochSeconds());
                assertThat(data.get(i).path("properties").isObject()).isTrue();
            }
            assertThat(data.get(0).path("timestamp").asDouble()).isGreaterThan(data.get(2).path("timestamp").asDouble());
        });
    }

    @Test
    void events_export_skips_ascending_by_default() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var all = json(post(client, EXPORT, "{\"customer_ids\":" + ADA + ",\"event_types\":[\"view_item\",\"session_start\",\"purchase\",\"cart_update\",\"support_ticket\"]}", AUTH)).path("data");
            assertThat(all).hasSize(ada.events().size());
            var skipped = json(post(client, EXPORT, "{\"customer_ids\":" + ADA + ",\"event_types\":[\"view_item\",\"session_start\",\"purchase\",\"cart_update\",\"support_ticket\"],\"skip\":2,\"limit\":1}", AUTH)).path("data");
            assertThat(skipped).hasSize(1);
            assertThat(skipped.get(0)).isEqualTo(all.get(2));
        });
    }

    @Test
    void tracking_stores_the_event_and_exports_it() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, TRACK, "{\"customer_ids\":" + ADA + ",\"event_type\":\"support_ticket\","
                    + "\"properties\":{\"ticket_id\":101,\"status\":\"open\",\"subject\":\"Where is my order?\"}}", AUTH);
            assertThat(response.code()).isEqualTo(200);
            assertThat(json(response)).isEqualTo(json("{\"errors\":[],\"success\":true}"));
            assertThat(simulator.trackedEvents()).hasSize(1);
            var event = simulator.trackedEvents().get(0);
            assertThat(event.eventType()).isEqualTo("support_ticket");
            assertThat(event.customerIds()).containsEntry("registered", "ada.lovelace@example.com");
            assertThat(event.properties()).containsEntry("ticket_id", 101).containsEntry("status", "open");
            assertThat(event.timestamp()).isAfterOrEqualTo(SeedCustomers.DEMO_NOW);
            var latest = json(post(client, EXPORT, "{\"customer_ids\":{\"external_id\":\"C-1001\"},\"event_types\":[\"support_ticket\"],\"order\":\"desc\",\"limit\":1}", AUTH));
            assertThat(latest.at("/data/0/properties/subject").asText()).isEqualTo("Where is my order?");
        });
    }

    @Test
    void tracking_accepts_an_explicit_timestamp_in_seconds() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, TRACK, "{\"customer_ids\":{\"registered\":\"someone.new@example.com\"},\"event_type\":\"support_ticket\","
                    + "\"properties\":{\"status\":\"solved\"},\"timestamp\":1700000000.5}", AUTH);
            assertThat(response.code()).isEqualTo(200);
            assertThat(simulator.trackedEvents().get(0).timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
        });
    }

    @Test
    void tracking_without_ids_or_event_type_answers_400_with_errors() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var response = post(client, TRACK, "{\"customer_ids\":{},\"properties\":{}}", AUTH);
            assertThat(response.code()).isEqualTo(400);
            var body = json(response);
            assertThat(body.path("success").asBoolean()).isFalse();
            assertThat(body.path("errors")).hasSize(2);
            assertThat(body.at("/errors/0").asText()).isEqualTo("At least one id should be specified.");
            assertThat(simulator.trackedEvents()).isEmpty();
        });
    }

    @Test
    void down_answers_503_until_back_up() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var body = attributes(ADA, "{\"type\":\"property\",\"property\":\"first_name\"}");
            simulator.setDown(true);
            var response = post(client, ATTRIBUTES, body, AUTH);
            assertThat(response.code()).isEqualTo(503);
            assertThat(json(response)).isEqualTo(json("{\"success\":false,\"error\":\"Service unavailable\"}"));
            assertThat(post(client, SimulatedProject.managedEndpointPath(), "{\"customer_ids\":" + ADA + "}", AUTH).code()).isEqualTo(503);
            simulator.setDown(false);
            assertThat(post(client, ATTRIBUTES, body, AUTH).code()).isEqualTo(200);
        });
    }

    @Test
    void latency_delays_every_api_answer() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            simulator.setLatency(Duration.ofMillis(300));
            var started = System.nanoTime();
            var response = post(client, ATTRIBUTES, attributes(ADA, "{\"type\":\"property\",\"property\":\"first_name\"}"), AUTH);
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertThat(response.code()).isEqualTo(200);
            assertThat(json(response).at("/results/0/value").asText()).isEqualTo("Ada");
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            started = System.nanoTime();
            assertThat(post(client, ATTRIBUTES, "{}", null).code()).isEqualTo(401);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        });
    }

    @Test
    void calls_count_api_requests_but_not_images() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var body = attributes(ADA, "{\"type\":\"property\",\"property\":\"first_name\"}");
            post(client, ATTRIBUTES, body, AUTH);
            post(client, ATTRIBUTES, body, null);
            post(client, SimulatedProject.managedEndpointPath(), "{\"customer_ids\":" + ADA + "}", AUTH);
            client.get("/catalog/images/101.svg");
            assertThat(simulator.calls()).isEqualTo(3);
            simulator.resetCalls();
            assertThat(simulator.calls()).isZero();
        });
    }

    @Test
    void catalog_images_are_served_as_svg_without_auth() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var image = client.get("/catalog/images/101.svg");
            assertThat(image.code()).isEqualTo(200);
            assertThat(image.headers().get("Content-Type").get(0)).startsWith("image/svg+xml");
            assertThat(image.body().string()).startsWith("<svg").contains("Linen Throw Blanket").doesNotContain("<script");
            assertThat(client.get("/catalog/images/999.svg").code()).isEqualTo(404);
            assertThat(client.get("/catalog/images/666.svg").code()).isEqualTo(404);
        });
    }

    @Test
    void demo_fields_parse_and_every_field_answers_successfully_for_ada() throws Exception {
        var fields = MAPPER.readTree(SimulatedProject.demoFieldsJson());
        assertThat(fields.isArray()).isTrue();
        var attributes = new ArrayList<String>();
        for (var field : fields) {
            var attribute = field.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) attribute).remove(List.of("label", "role", "format"));
            attributes.add(attribute.toString());
        }
        JavalinTest.test(simulator.app(), (server, client) -> {
            var results = json(post(client, ATTRIBUTES, attributes(ADA, attributes.toArray(String[]::new)), AUTH)).path("results");
            assertThat(results).hasSize(fields.size());
            assertThat(results).allSatisfy(result -> assertThat(result.path("success").asBoolean()).as(result.toString()).isTrue());
            assertThat(results.get(results.size() - 1).path("value")).hasSize(3);
        });
    }

    private static final String BATCH = "/track/v2/projects/" + PROJECT_TOKEN + "/batch";

    private static String eventCommand(String email, long timestamp, String status) {
        return "{\"name\":\"customers/events\",\"data\":{\"customer_ids\":{\"registered\":\"" + email + "\"},"
                + "\"event_type\":\"support_ticket\",\"timestamp\":" + timestamp + ",\"properties\":{\"ticket_id\":7,\"status\":\"" + status + "\"}}}";
    }

    @Test
    void a_batch_answers_each_command_in_order_and_stores_only_the_valid_events() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var body = "{\"commands\":[{\"name\":\"system/time\"}," + eventCommand("ada@example.com", 1_700_000_000L, "open")
                    + ",{\"name\":\"customers/events\",\"data\":{\"customer_ids\":{},\"event_type\":\"support_ticket\"}}]}";
            var response = post(client, BATCH, body, AUTH);
            assertThat(response.code()).isEqualTo(200);
            var results = json(response).path("results");
            assertThat(results).hasSize(3);
            assertThat(results.get(0).path("time").asDouble()).isPositive();
            assertThat(results.get(1).path("success").asBoolean()).isTrue();
            assertThat(results.get(2).path("success").asBoolean()).isFalse();
            assertThat(results.get(2).path("errors").get(0).asText()).isEqualTo("At least one id should be specified.");
            assertThat(simulator.trackedEvents()).singleElement().satisfies(event -> assertThat(event.properties()).containsEntry("status", "open"));
        });
    }

    @Test
    void an_identical_event_sent_twice_is_stored_once_and_a_changed_one_is_stored_again() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var body = "{\"commands\":[" + eventCommand("ada@example.com", 1_700_000_000L, "open") + "]}";
            assertThat(post(client, BATCH, body, AUTH).code()).isEqualTo(200);
            assertThat(post(client, BATCH, body, AUTH).code()).isEqualTo(200);
            assertThat(post(client, BATCH, body.replace("\"open\"", "\"solved\""), AUTH).code()).isEqualTo(200);
            assertThat(simulator.trackedEvents()).hasSize(2);
            assertThat(simulator.duplicatesDiscarded()).isEqualTo(1);
        });
    }

    @Test
    void a_batch_without_commands_or_with_more_than_fifty_is_refused_whole() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            var none = post(client, BATCH, "{\"commands\":[]}", AUTH);
            assertThat(none.code()).isEqualTo(400);
            assertThat(json(none).path("message").asText()).isEqualTo("No commands");
            var commands = new ArrayList<String>();
            for (int i = 0; i < 51; i++) {
                commands.add(eventCommand("ada@example.com", 1_700_000_000L + i, "open"));
            }
            assertThat(post(client, BATCH, "{\"commands\":[" + String.join(",", commands) + "]}", AUTH).code()).isEqualTo(400);
            assertThat(simulator.trackedEvents()).isEmpty();
        });
    }

    @Test
    void switched_on_faults_fail_whole_calls_or_single_commands_and_store_nothing_for_them() {
        JavalinTest.test(simulator.app(), (server, client) -> {
            simulator.setFaults(new Faults(0, 0, 0, 0, Duration.ZERO, 100, 0));
            assertThat(post(client, BATCH, "{\"commands\":[" + eventCommand("ada@example.com", 1L, "open") + "]}", AUTH).code()).isEqualTo(503);
            simulator.setFaults(Faults.failedCommands(100));
            var results = json(post(client, BATCH, "{\"commands\":[" + eventCommand("ada@example.com", 1L, "open") + "]}", AUTH)).path("results");
            assertThat(results.get(0).path("success").asBoolean()).isFalse();
            assertThat(simulator.trackedEvents()).isEmpty();
            assertThat(simulator.batchRequests()).isEqualTo(2);
        });
    }

    private static Response post(HttpClient client, String path, String body, String authorization) {
        return client.request(path, builder -> {
            builder.post(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).header("Content-Type", "application/json");
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
        });
    }

    private static String attributes(String customerIds, String... attributes) {
        return "{\"customer_ids\":" + customerIds + ",\"attributes\":[" + String.join(",", attributes) + "]}";
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(Response response) {
        return json(response.body().string());
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
