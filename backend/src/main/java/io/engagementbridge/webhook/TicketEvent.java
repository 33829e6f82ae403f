package io.engagementbridge.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The ticket events a connected account sends to the bridge's inbox, one provisioned trigger each. {@code all}
 * and {@code any} are the trigger's conditions as (field, operator, value).
 */
public enum TicketEvent {
    TICKET_CREATED("ticket_created", "ticket created", List.of(List.of("update_type", "is", "Create")), List.of()),
    TICKET_SOLVED("ticket_solved", "ticket solved",
            List.of(List.of("update_type", "is", "Change"), List.of("status", "value", "solved")), List.of()),
    SATISFACTION_RATED("satisfaction_rated", "satisfaction rated", List.of(),
            List.of(List.of("satisfaction_score", "value", "good"), List.of("satisfaction_score", "value", "bad")));

    private final String type;
    private final String title;
    private final List<List<String>> all;
    private final List<List<String>> any;

    TicketEvent(String type, String title, List<List<String>> all, List<List<String>> any) {
        this.type = type;
        this.title = title;
        this.all = all;
        this.any = any;
    }

    /** The {@code event} value in the webhook body. */
    public String type() {
        return type;
    }

    /** The trigger's title after "Engagement Bridge: ". */
    public String title() {
        return title;
    }

    public List<List<String>> all() {
        return all;
    }

    public List<List<String>> any() {
        return any;
    }

    public static Optional<TicketEvent> ofType(String type) {
        return Arrays.stream(values()).filter(event -> event.type.equals(type)).findFirst();
    }
}
