package io.engagementbridge.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.access.ZendeskJwt;
import io.engagementbridge.sidebar.AgentContext;
import io.engagementbridge.web.ApiException;
import io.javalin.http.Context;

import java.io.IOException;

/**
 * Who calls the app's admin endpoints: the installation the ZAF JWT proves, and an admin body. Shared by
 * "Connect Zendesk" and the admin page, so both refuse the same callers with the same answers.
 */
public final class AppCaller {
    private final ZendeskJwt jwt;
    private final ObjectMapper mapper;

    public AppCaller(ZendeskJwt jwt, ObjectMapper mapper) {
        this.jwt = jwt;
        this.mapper = mapper;
    }

    /** The installation the request's JWT proves; 409 when the operator runs without JWT secrets, 401 when it does not verify. */
    public Installation installation(Context ctx) {
        if (!jwt.enabled()) {
            throw new ApiException(409, "Connecting Zendesk needs the token Zendesk signs for this installation: the operator must set "
                    + "BRIDGE_JWT_SECRETS (and the app's Shared secret setting)");
        }
        var outcome = jwt.verify(ctx.header("Authorization"));
        if (!outcome.accepted()) {
            throw new ApiException(401, "This request could not be verified: " + outcome.refusal());
        }
        return Installation.of(outcome.verified()).orElseThrow(() -> new ApiException(401,
                "The token's iss claim must be the Zendesk subdomain (the app sends client.context().account.subdomain)"));
    }

    /**
     * The request body, for admins only. The role is what the iframe reports and the iframe is
     * editable, so this keeps honest agents out of admin actions; the guard that counts is that only
     * a Zendesk admin can approve our OAuth client, and without that approval nothing is connected.
     */
    public JsonNode adminBody(Context ctx, String refusal) {
        JsonNode body;
        try {
            body = mapper.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "The request body must be a JSON object with \"agent\" and \"settings\"");
        }
        if (!AgentContext.from(body.get("agent")).admin()) {
            throw new ApiException(403, refusal);
        }
        return body;
    }
}
