package io.engagementbridge.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import okhttp3.Headers;

/** A successful Zendesk answer: its status (200 vs 201 tells updated from created), headers, and JSON body (missing when empty, as for 204). */
public record ZendeskReply(int status, Headers headers, JsonNode body) {

    public ZendeskReply {
        body = body == null ? MissingNode.getInstance() : body;
    }
}
