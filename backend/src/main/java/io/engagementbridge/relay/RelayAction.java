package io.engagementbridge.relay;

import java.util.Locale;
import java.util.Optional;

/** What happened to a ticket, as the {@code action} of Engagement's {@code support_ticket} event. */
public enum RelayAction {
    CREATED, SOLVED, RATED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RelayAction> fromWire(String value) {
        for (var action : values()) {
            if (action.wire().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    /** From a webhook event type ({@code TICKET_CREATED}, {@code ticket_solved}, {@code SATISFACTION_RATED}, …). */
    public static Optional<RelayAction> fromEventType(String type) {
        var normalized = type == null ? "" : type.trim().toUpperCase(Locale.ROOT);
        return switch (normalized) {
            case "TICKET_CREATED" -> Optional.of(CREATED);
            case "TICKET_SOLVED" -> Optional.of(SOLVED);
            case "SATISFACTION_RATED" -> Optional.of(RATED);
            default -> Optional.empty();
        };
    }
}
