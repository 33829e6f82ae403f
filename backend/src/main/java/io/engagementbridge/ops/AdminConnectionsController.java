package io.engagementbridge.ops;

import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionSecrets;
import io.engagementbridge.connection.Connections;
import io.engagementbridge.web.ApiException;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /v1/admin/connections}: the operator's list, masked detail and removal of connections. */
public final class AdminConnectionsController {
    public static final String PATH = "/v1/admin/connections";
    public static final String ONE = PATH + "/{id}";

    private final Connections connections;

    public AdminConnectionsController(Connections connections) {
        this.connections = connections;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("connections", connections.list().stream().map(c -> masked(c, null)).toList()));
    }

    public void show(Context ctx) {
        var connection = found(ctx.pathParam("id"));
        var secrets = connections.repository().secrets(connection.id()).map(v -> v.secrets()).orElse(null);
        ctx.json(masked(connection, secrets));
    }

    public void remove(Context ctx) {
        var id = ctx.pathParam("id");
        if (!connections.remove(id)) {
            throw new ApiException(404, "No connection " + id + ": list them with GET " + PATH);
        }
        ctx.status(204);
    }

    private Connection found(String id) {
        return connections.find(id).orElseThrow(() -> new ApiException(404, "No connection " + id + ": list them with GET " + PATH));
    }

    /** What may be shown of a connection: everything but its secrets, which show only whether they are set. */
    public Map<String, Object> masked(Connection c, ConnectionSecrets secrets) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", c.id());
        view.put("name", c.name());
        view.put("zendesk_url", c.zendeskUrl());
        view.put("auth_type", c.authType().wire());
        view.put("engagement_base_url", c.engagementBaseUrl());
        view.put("engagement_project_token", c.engagementProjectToken());
        view.put("connected_from_app", c.installationKey().isPresent());
        view.put("webhook_url", connections.webhookUrl(c.id()));
        view.put("settings", c.settings());
        view.put("created_at", c.createdAt().toString());
        if (secrets != null) {
            var z = secrets.zendesk();
            var masked = new LinkedHashMap<String, Object>();
            masked.put("zendesk_client_id", z.clientId());
            masked.put("zendesk_client_secret", mask(z.clientSecret()));
            masked.put("zendesk_access_token", mask(z.accessToken()));
            masked.put("zendesk_refresh_token", mask(z.refreshToken()));
            masked.put("zendesk_token_expires_at", z.expiresAt() == 0 ? null : java.time.Instant.ofEpochSecond(z.expiresAt()).toString());
            masked.put("zendesk_email", z.email());
            masked.put("zendesk_api_token", mask(z.token()));
            masked.put("engagement_key_id", mask(secrets.engagementKeyId()));
            masked.put("engagement_key_secret", mask(secrets.engagementKeySecret()));
            masked.put("webhook_signing_secret", mask(secrets.webhookSigningSecret()));
            view.put("secrets", masked);
        }
        return view;
    }

    private static String mask(String secret) {
        return secret == null ? null : "set (***)";
    }
}
