package io.engagementbridge.demo.zendeskapi;

import java.util.Set;

/** Who made an API request: an OAuth client's token or an API token used as {@code email/token}. */
record Caller(String kind, String subject, Set<String> scopes) {

    /**
     * Zendesk scopes: {@code read} gives GET endpoints, {@code write} POST, PUT and DELETE (not GET),
     * or the same per resource as {@code <resource>:read|write}.
     */
    boolean may(String method, String resource) {
        var needed = method.equals("GET") ? "read" : "write";
        return scopes.contains(needed) || scopes.contains(resource + ":" + needed);
    }
}
