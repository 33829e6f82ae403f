package io.engagementbridge.profile;

import java.util.List;

/** The customer's most recent events, or why Engagement would not give them. */
public record Interactions(boolean requested, List<Interaction> items, String error) {

    /** The installation asked for no event types. */
    public static final Interactions NOT_REQUESTED = new Interactions(false, List.of(), null);

    public static Interactions of(List<Interaction> items) {
        return new Interactions(true, List.copyOf(items), null);
    }

    public static Interactions unavailable(String reason) {
        return new Interactions(true, List.of(), reason);
    }
}
