package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One authenticated API request being answered: its context, caller, the simulator's time and base URL. */
record Call(Context ctx, Caller caller, Instant now, String base, ObjectMapper mapper) {
    private static final String JSON = "application/json; charset=utf-8";

    /** The request body as a JSON object; anything else answers 400. */
    JsonNode body() {
        return jsonObject(mapper, ctx.body());
    }

    /** {@code raw} parsed as a JSON object, or a 400 saying what is wrong with it. */
    static JsonNode jsonObject(ObjectMapper mapper, String raw) {
        JsonNode body;
        try {
            body = mapper.readTree(raw);
        } catch (Exception e) {
            throw ApiError.badRequest("The request body is not valid JSON.");
        }
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("The request body must be a JSON object.");
        }
        return body;
    }

    /** A named object inside the body, e.g. {@code {"user": {...}}}; missing answers 400. */
    JsonNode body(String name) {
        var node = body().get(name);
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("Parameter '" + name + "' is required and must be an object.");
        }
        return node;
    }

    long pathId(String name) {
        var raw = ctx.pathParam(name);
        if (raw.endsWith(".json")) {
            raw = raw.substring(0, raw.length() - 5);
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiError.notFound();
        }
    }

    String pathText(String name) {
        var raw = ctx.pathParam(name);
        return raw.endsWith(".json") ? raw.substring(0, raw.length() - 5) : raw;
    }

    /** A comma-separated query parameter, empty when absent. */
    List<String> listParam(String name) {
        var raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? List.of() : Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A numeric id from a list parameter; anything else is -1, which matches nothing. */
    static long parseId(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    void reply(int status, JsonNode body) {
        try {
            ctx.status(status).contentType(JSON).result(mapper.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void noContent() {
        ctx.status(204);
    }
}
