package io.engagementbridge.demo.zendeskapi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A background job as GET /api/v2/job_statuses/{id} shows it; {@code results} are in request order once completed. */
public record JobStatus(String id, String jobType, String status, int total, Integer progress, String message,
                        List<Map<String, Object>> results, Instant createdAt) {
}
