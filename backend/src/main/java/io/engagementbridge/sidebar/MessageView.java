package io.engagementbridge.sidebar;

import java.util.List;

/** Everything sidebar/message.jte shows: a state, a short human message, and optionally what to fix. */
public record MessageView(String state, String title, String heading, String body, List<String> checklist, String actionLabel,
                          String testConnectionLabel) {

    public MessageView(String state, String title, String heading, String body, List<String> checklist, String actionLabel) {
        this(state, title, heading, body, checklist, actionLabel, null);
    }
}
