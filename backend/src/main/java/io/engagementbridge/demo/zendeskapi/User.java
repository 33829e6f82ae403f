package io.engagementbridge.demo.zendeskapi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user as the simulator stores it. {@code email} is the primary email identity; {@code userFields}
 * holds set values only (keyed by field key: String, Long, BigDecimal, Boolean, or a date as "yyyy-MM-dd").
 */
public record User(long id, String name, String email, String externalId, String role, boolean verified, boolean active,
                   List<String> tags, Map<String, Object> userFields, Long organizationId, String phone, String notes,
                   String details, String alias, String timeZone, Instant createdAt, Instant updatedAt) {
}
