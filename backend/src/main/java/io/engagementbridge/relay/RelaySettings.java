package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionDefinition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A connection's relay settings: {@code customer_id_name} (the Engagement id the requester's e-mail is, default
 * {@code registered}), {@code relay_external_id_name} (also send the requester's Zendesk external id as this
 * Engagement id, when set; for Braze, any value means "identify by external_id when the requester has one"),
 * {@code relay_sweep_interval} (ISO-8601, default PT10M, PT1M to PT24H) and {@code relay_target} ({@code engagement},
 * the default, or {@code braze}, set by connection.json's {@code braze} section with {@code braze_rest_endpoint}).
 */
public record RelaySettings(String customerIdName, Optional<String> externalIdName, Duration sweepInterval, boolean toBraze) {
    public static final String CUSTOMER_ID_NAME = "customer_id_name";
    public static final String EXTERNAL_ID_NAME = "relay_external_id_name";
    public static final String SWEEP_INTERVAL = "relay_sweep_interval";
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(10);
    private static final Duration SHORTEST_SWEEP = Duration.ofMinutes(1);
    private static final Duration LONGEST_SWEEP = Duration.ofHours(24);

    /** The settings, or the one problem that stops the relay, phrased as the fix. */
    public static RelaySettings of(Connection connection) {
        var settings = connection.settings();
        var idName = text(settings.get(CUSTOMER_ID_NAME)).orElse("registered");
        if (!idName.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new InvalidRelaySettings("settings." + CUSTOMER_ID_NAME + " must be an Engagement customer id name such as registered, was '"
                    + abbreviate(idName) + "'");
        }
        var external = text(settings.get(EXTERNAL_ID_NAME));
        if (external.isPresent() && !external.get().matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new InvalidRelaySettings("settings." + EXTERNAL_ID_NAME + " must be an Engagement customer id name such as external_id");
        }
        var target = text(settings.get(ConnectionDefinition.RELAY_TARGET)).orElse("engagement");
        if (!target.equals("engagement") && !target.equals("braze")) {
            throw new InvalidRelaySettings("settings." + ConnectionDefinition.RELAY_TARGET + " must be \"engagement\" or \"braze\", was '"
                    + abbreviate(target) + "'");
        }
        return new RelaySettings(idName, external, interval(settings.get(SWEEP_INTERVAL)), target.equals("braze"));
    }

    /** The Braze REST endpoint of a connection that relays to Braze. */
    static Optional<String> brazeEndpoint(Connection connection) {
        return text(connection.settings().get(ConnectionDefinition.BRAZE_REST_ENDPOINT));
    }

    private static Duration interval(JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT_SWEEP_INTERVAL;
        }
        Duration interval;
        try {
            interval = Duration.parse(node.asText().trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRelaySettings("settings." + SWEEP_INTERVAL + " must be an ISO-8601 duration such as PT10M, was '" + abbreviate(node.asText()) + "'");
        }
        if (interval.compareTo(SHORTEST_SWEEP) < 0 || interval.compareTo(LONGEST_SWEEP) > 0) {
            throw new InvalidRelaySettings("settings." + SWEEP_INTERVAL + " must be between PT1M and PT24H (Zendesk allows 10 incremental exports a minute), was "
                    + interval);
        }
        return interval;
    }

    private static Optional<String> text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? Optional.empty() : Optional.of(node.asText().trim());
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    /** A relay setting that cannot work; its message names the setting and the fix. */
    public static final class InvalidRelaySettings extends RuntimeException {
        public InvalidRelaySettings(String message) {
            super(message);
        }
    }
}
