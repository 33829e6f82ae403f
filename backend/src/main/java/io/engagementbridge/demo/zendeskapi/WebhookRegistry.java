package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.HttpUrl;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.engagementbridge.demo.zendeskapi.FieldDefinitions.text;

/**
 * Webhooks and their signing secrets. Validation errors use the Webhooks API's own envelope
 * ({@code {"errors":[{code,title,detail,source}]}}). Callers hold the simulator's lock.
 */
final class WebhookRegistry {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> FORMATS = Set.of("json", "xml", "form_encoded");
    private static final Set<String> STATUSES = Set.of("active", "inactive");
    private static final String ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();

    List<Webhook> all() {
        return List.copyOf(webhooks.values());
    }

    Optional<Webhook> byId(String id) {
        return Optional.ofNullable(webhooks.get(id));
    }

    Webhook require(String id) {
        return byId(id).orElseThrow(() -> new ApiError(404, Map.of("errors", List.of(Map.of("code", "WebhookNotFound",
                "title", "Webhook " + id + " not found")))));
    }

    Webhook save(String id, JsonNode node, Instant now) {
        var old = id == null ? null : require(id);
        var name = textOr(node, "name", old == null ? null : old.name());
        var endpoint = textOr(node, "endpoint", old == null ? null : old.endpoint());
        var method = textOr(node, "http_method", old == null ? "POST" : old.httpMethod()).toUpperCase();
        var format = textOr(node, "request_format", old == null ? "json" : old.requestFormat());
        var status = textOr(node, "status", old == null ? "active" : old.status());
        var subscriptions = new ArrayList<String>();
        if (node.has("subscriptions")) {
            node.get("subscriptions").forEach(subscription -> subscriptions.add(subscription.asText()));
        } else if (old != null) {
            subscriptions.addAll(old.subscriptions());
        }
        var errors = new ArrayList<Map<String, Object>>();
        if (name == null || name.isBlank()) {
            errors.add(error("name", "Name is required"));
        }
        var url = endpoint == null ? null : HttpUrl.parse(endpoint);
        if (url == null) {
            errors.add(error("endpoint", "Endpoint must be an absolute http or https URL"));
        }
        if (!METHODS.contains(method)) {
            errors.add(error("http_method", "http_method must be one of " + METHODS));
        }
        if (!FORMATS.contains(format)) {
            errors.add(error("request_format", "request_format must be json, xml or form_encoded"));
        }
        if (!STATUSES.contains(status)) {
            errors.add(error("status", "status must be active or inactive"));
        }
        if (subscriptions.isEmpty()) {
            errors.add(error("subscriptions", "subscriptions must list at least one event type, e.g. conditional_ticket_events"));
        }
        if (!errors.isEmpty()) {
            throw new ApiError(400, Map.of("errors", errors));
        }
        var given = node.path("signing_secret").path("secret").asText(null);
        var secret = given != null ? given : old != null ? old.signingSecret() : newSecret();
        var webhook = new Webhook(id == null ? newId() : id, name, endpoint, method, format, status, List.copyOf(subscriptions), secret,
                node.has("authentication") ? node.get("authentication") : old == null ? null : old.authentication(),
                old == null ? now : old.createdAt(), now);
        webhooks.put(webhook.id(), webhook);
        return webhook;
    }

    Webhook resetSecret(String id, Instant now) {
        var old = require(id);
        var webhook = new Webhook(old.id(), old.name(), old.endpoint(), old.httpMethod(), old.requestFormat(), old.status(),
                old.subscriptions(), newSecret(), old.authentication(), old.createdAt(), now);
        webhooks.put(id, webhook);
        return webhook;
    }

    void delete(String id) {
        require(id);
        webhooks.remove(id);
    }

    private String newSecret() {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String newId() {
        var id = new StringBuilder("01");
        for (int i = 0; i < 24; i++) {
            id.append(ULID_ALPHABET.charAt(random.nextInt(ULID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static Map<String, Object> error(String field, String detail) {
        return Map.of("code", "InvalidInput", "title", "Invalid input", "detail", detail, "source", Map.of("pointer", "/webhook/" + field));
    }

    private static String textOr(JsonNode node, String name, String fallback) {
        var value = text(node, name);
        return value == null ? fallback : value;
    }
}
