package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.profile.Requester;

import java.io.IOException;
import java.util.ArrayList;

/**
 * The body the iframe sends: who the requester is (and their Zendesk user id, null when not sent), who the agent
 * is, and the installation's settings.
 */
record SidebarRequest(Requester requester, Long zendeskUserId, AgentContext agent, JsonNode settings, boolean refresh) {
    static final int MAX_EMAILS = 20;

    static SidebarRequest parse(ObjectMapper mapper, byte[] body) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            throw new MalformedRequestException("The request body is not valid JSON.");
        }
        if (json == null || !json.isObject()) {
            throw new MalformedRequestException("The request body must be a JSON object.");
        }
        var requester = json.path("requester");
        var emails = new ArrayList<String>();
        text(requester, "email").ifPresent(emails::add);
        requester.path("emails").forEach(node -> {
            if (node.isTextual() && emails.size() < MAX_EMAILS) {
                emails.add(node.asText());
            }
        });
        return new SidebarRequest(
                new Requester(text(requester, "name").orElse(""), emails, text(requester, "externalId").orElse(null)),
                requester.path("id").canConvertToLong() && requester.path("id").isIntegralNumber() && requester.path("id").asLong() > 0
                        ? requester.path("id").asLong() : null,
                AgentContext.from(json.get("agent")),
                json.path("settings"),
                json.path("refresh").asBoolean(false));
    }

    private static java.util.Optional<String> text(JsonNode node, String name) {
        var value = node.path(name);
        return value.isTextual() || value.isNumber() ? java.util.Optional.of(value.asText()) : java.util.Optional.empty();
    }
}
