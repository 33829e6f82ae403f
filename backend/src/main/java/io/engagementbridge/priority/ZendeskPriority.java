package io.engagementbridge.priority;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Zendesk's system ticket priority; SLA targets and routing order are keyed on it. */
public enum ZendeskPriority {
    URGENT, HIGH, NORMAL, LOW;

    /** The value Zendesk's API and ZAF client use, e.g. {@code urgent}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ZendeskPriority> fromValue(String value) {
        return Arrays.stream(values()).filter(p -> p.value().equals(value)).findFirst();
    }
}
