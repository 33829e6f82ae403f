package io.engagementbridge.demo.engagement;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An event received through the Tracking API, kept so tests and the demo can observe write-backs. */
public record TrackedEvent(Map<String, String> customerIds, String eventType, Map<String, Object> properties, Instant timestamp) {

    public TrackedEvent {
        customerIds = Collections.unmodifiableMap(new LinkedHashMap<>(customerIds));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
