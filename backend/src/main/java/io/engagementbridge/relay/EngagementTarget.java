package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionSecrets;
import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.relay.EngagementTracking.FailureKind;
import io.engagementbridge.relay.EngagementTracking.Project;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Engagement as a relay target: frozen {@code customers/events} commands, 50 a batch, each command's result read. */
final class EngagementTarget implements RelayTarget {
    private static final Set<String> TRANSIENT_COMMAND_ERRORS = Set.of("internal", "timeout", "timed out", "temporar", "unavailable",
            "try again", "too many");

    private final EngagementTracking tracking;

    EngagementTarget(EngagementTracking tracking) {
        this.tracking = tracking;
    }

    @Override
    public String kind() {
        return RelaySender.KIND;
    }

    @Override
    public int maxBatch() {
        return EngagementTracking.MAX_COMMANDS;
    }

    @Override
    public Delivery deliver(Connection connection, ConnectionSecrets secrets, List<JsonNode> events) {
        var keyId = secrets.engagementKeyId();
        var keySecret = secrets.engagementKeySecret();
        if (keyId == null || keyId.isBlank() || keySecret == null || keySecret.isBlank()) {
            return new RelayTarget.Failed("no_credentials", "the connection has no Engagement key pair: add one (engagement.key_id and key_secret)",
                    false, false, Optional.empty());
        }
        var project = new Project(connection.engagementBaseUrl(), connection.engagementProjectToken(), new Credentials(keyId, keySecret));
        var reply = tracking.batch(project, events);
        if (reply instanceof EngagementTracking.Failed failed) {
            var kind = failed.kind();
            return new RelayTarget.Failed(kind.name().toLowerCase(Locale.ROOT), failed.reason(), kind == FailureKind.RATE_LIMITED,
                    kind != FailureKind.REFUSED && kind != FailureKind.NOT_ALLOWED, failed.retryAfter());
        }
        return new RelayTarget.Answered(((EngagementTracking.Answered) reply).results().stream().map(result -> {
            if (result.success()) {
                return EventResult.ACCEPTED;
            }
            if (transientCommandFailure(result.errors())) {
                return EventResult.retry("Engagement failed the command: " + String.join("; ", result.errors()));
            }
            return EventResult.invalid("Engagement refused the event: " + (result.errors().isEmpty() ? "no reason given"
                    : String.join("; ", result.errors())));
        }).toList());
    }

    static boolean transientCommandFailure(List<String> errors) {
        return errors.stream().map(error -> error.toLowerCase(Locale.ROOT))
                .anyMatch(error -> TRANSIENT_COMMAND_ERRORS.stream().anyMatch(error::contains));
    }
}
