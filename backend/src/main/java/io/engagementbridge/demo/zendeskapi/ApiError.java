package io.engagementbridge.demo.zendeskapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer in Zendesk's shape, thrown by handlers and written by the simulator's exception
 * mapper. {@code body} is a JSON-ready map, or a String for Zendesk's plain-text answers.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final transient Object body;
    private final transient Map<String, String> headers;

    ApiError(int status, Object body, Map<String, String> headers) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    ApiError(int status, Object body) {
        this(status, body, Map.of());
    }

    public int status() {
        return status;
    }

    Object body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The problem in words, as a bulk job's result {@code details} gives it. */
    String describe(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        com.fasterxml.jackson.databind.JsonNode tree = mapper.valueToTree(body);
        var parts = new java.util.ArrayList<String>();
        tree.path("details").forEach(problems -> problems.forEach(problem -> parts.add(problem.path("description").asText())));
        return parts.isEmpty() ? tree.path("description").asText(String.valueOf(body)) : String.join(" ", parts);
    }

    static ApiError of(int status, String error, String description) {
        return new ApiError(status, envelope(error, description));
    }

    static ApiError notFound() {
        return of(404, "RecordNotFound", "Not found");
    }

    static ApiError badRequest(String description) {
        return of(400, "InvalidRequest", description);
    }

    static ApiError forbidden() {
        return of(403, "Forbidden", "You do not have access to this page. Please contact the account owner of this help desk for further help.");
    }

    /** 422 RecordInvalid with one problem per field, as Zendesk reports validation errors. */
    static ApiError invalid(Map<String, String> problems) {
        return new ApiError(422, recordInvalid(problems, "RecordInvalid"));
    }

    static ApiError invalid(String field, String description) {
        return invalid(Map.of(field, description));
    }

    static ApiError duplicate(String field, String description) {
        return new ApiError(422, Map.of("error", "RecordInvalid", "description", "Record validation errors",
                "details", Map.of(field, List.of(Map.of("description", description, "error", "DuplicateValue")))));
    }

    static Map<String, Object> recordInvalid(Map<String, String> problems, String error) {
        var details = new LinkedHashMap<String, Object>();
        problems.forEach((field, description) -> details.put(field, List.of(Map.of("description", description, "error", error.equals("RecordInvalid") ? "InvalidValue" : error))));
        var body = new LinkedHashMap<String, Object>();
        body.put("error", "RecordInvalid");
        body.put("description", "Record validation errors");
        body.put("details", details);
        return body;
    }

    static Map<String, Object> envelope(String error, String description) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", error);
        body.put("description", description);
        return body;
    }
}
