package io.engagementbridge.web;

import io.javalin.http.Context;

import java.util.Map;

/**
 * A JSON API request that cannot be served: the status and one short sentence naming what to fix.
 * Handlers throw it; {@link #render} (registered once) writes {@code {"error": …}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public static void render(ApiException error, Context ctx) {
        error.headers.forEach(ctx::header);
        ctx.status(error.status).json(Map.of("error", error.getMessage()));
    }
}
