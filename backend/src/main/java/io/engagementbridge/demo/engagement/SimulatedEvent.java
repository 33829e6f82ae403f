package io.engagementbridge.demo.engagement;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One customer event as Engagement stores it: a type, a time and free-form properties. */
public record SimulatedEvent(String type, Instant timestamp, Map<String, Object> properties) {

    public SimulatedEvent {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Engagement reports event times as fractional UNIX seconds. */
    public double epochSeconds() {
        return timestamp.getEpochSecond() + timestamp.getNano() / 1_000_000_000.0;
    }
}
