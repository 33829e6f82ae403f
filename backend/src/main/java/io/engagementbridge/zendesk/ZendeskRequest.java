package io.engagementbridge.zendesk;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Any Zendesk API call the named methods do not cover (webhooks, triggers, views, ticket fields,
 * organizations, memberships, events): a method, a path under the account's base URL with its query
 * parameters, an optional JSON body and extra headers.
 */
public record ZendeskRequest(String method, String path, Map<String, String> query, JsonNode body, Map<String, String> headers) {

    public ZendeskRequest {
        if (!path.startsWith("/api/v2/")) {
            throw new IllegalArgumentException("Zendesk API paths start with /api/v2/, was " + path);
        }
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public static ZendeskRequest get(String path) {
        return new ZendeskRequest("GET", path, Map.of(), null, Map.of());
    }

    public static ZendeskRequest get(String path, Map<String, String> query) {
        return new ZendeskRequest("GET", path, query, null, Map.of());
    }

    public static ZendeskRequest post(String path, JsonNode body) {
        return new ZendeskRequest("POST", path, Map.of(), body, Map.of());
    }

    public static ZendeskRequest put(String path, JsonNode body) {
        return new ZendeskRequest("PUT", path, Map.of(), body, Map.of());
    }

    public static ZendeskRequest delete(String path) {
        return new ZendeskRequest("DELETE", path, Map.of(), null, Map.of());
    }

    public ZendeskRequest withHeader(String name, String value) {
        var more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new ZendeskRequest(method, path, query, body, more);
    }
}
