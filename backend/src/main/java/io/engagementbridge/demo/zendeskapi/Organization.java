package io.engagementbridge.demo.zendeskapi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An organization; {@code organizationFields} holds set values by field key. */
public record Organization(long id, String name, String externalId, List<String> domainNames, List<String> tags,
                           Map<String, Object> organizationFields, String details, String notes, Instant createdAt, Instant updatedAt) {
}
