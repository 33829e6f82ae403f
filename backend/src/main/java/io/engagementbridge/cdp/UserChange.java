package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What one message asks of a Zendesk user, already checked against the account's fields: attribute
 * values ({@code name}, {@code phone}, {@code user_fields.<key>}, …), tags to add (true) or remove
 * (false), organisation memberships to add or remove, and notes about traits that went nowhere.
 */
record UserChange(long itemId, CdpMessage message, Map<String, JsonNode> attributes, Map<String, Boolean> tags, List<JsonNode> companies,
                  List<String> notes) {
}
