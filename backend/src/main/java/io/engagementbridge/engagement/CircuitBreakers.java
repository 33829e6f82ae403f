package io.engagementbridge.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.CircuitBreaker;
import io.engagementbridge.config.Resilience;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** One circuit breaker per Engagement host, so one slow instance never blocks calls to another. */
public final class CircuitBreakers {
    private final Map<String, CircuitBreaker<Optional<JsonNode>>> byHost = new ConcurrentHashMap<>();
    private final Resilience resilience;

    public CircuitBreakers(Resilience resilience) {
        this.resilience = resilience;
    }

    CircuitBreaker<Optional<JsonNode>> forHost(String host) {
        return byHost.computeIfAbsent(host, h -> CircuitBreaker.<Optional<JsonNode>>builder()
                .handleIf(EngagementClient::isTransient)
                .withFailureThreshold(resilience.breakerFailures(), resilience.breakerWindow())
                .withDelay(resilience.breakerOpenFor())
                .withSuccessThreshold(1)
                .build());
    }

    /** Host → CLOSED, OPEN or HALF_OPEN, for /metrics. */
    public Map<String, CircuitBreaker.State> states() {
        var states = new TreeMap<String, CircuitBreaker.State>();
        byHost.forEach((host, breaker) -> states.put(host, breaker.getState()));
        return states;
    }
}
