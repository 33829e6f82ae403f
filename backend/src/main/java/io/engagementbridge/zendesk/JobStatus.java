package io.engagementbridge.zendesk;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Zendesk background job (bulk import) as {@code job_statuses} reports it. */
public record JobStatus(String id, String status, int total, int progress, String message, List<JobResult> results) {

    /** One entry of a job's {@code results}; fields Zendesk leaves out are null. */
    public record JobResult(Integer index, Long id, String status, String action, Boolean success, String error, String details,
                            String externalId, String email) {

        static JobResult from(JsonNode node) {
            return new JobResult(
                    node.hasNonNull("index") ? node.get("index").asInt() : null,
                    node.hasNonNull("id") && node.get("id").canConvertToLong() ? node.get("id").asLong() : null,
                    text(node, "status"), text(node, "action"),
                    node.hasNonNull("success") ? node.get("success").asBoolean() : null,
                    text(node, "error"), node.hasNonNull("details") ? (node.get("details").isTextual() ? node.get("details").asText() : node.get("details").toString()) : null,
                    text(node, "external_id"), text(node, "email"));
        }
    }

    public static JobStatus from(JsonNode node) {
        var results = new ArrayList<JobResult>();
        for (var result : node.path("results")) {
            results.add(JobResult.from(result));
        }
        return new JobStatus(node.path("id").asText(), node.path("status").asText(""), node.path("total").asInt(),
                node.path("progress").asInt(), text(node, "message"), List.copyOf(results));
    }

    /** Completed, failed or killed: polling again changes nothing. */
    public boolean finished() {
        var s = status.toLowerCase(Locale.ROOT);
        return s.equals("completed") || s.equals("failed") || s.equals("killed");
    }

    private static String text(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.get(name).asText() : null;
    }
}
