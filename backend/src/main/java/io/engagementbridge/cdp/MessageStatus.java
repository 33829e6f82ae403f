package io.engagementbridge.cdp;

import java.util.Locale;

/** Where a CDP message is: accepted (stored, not yet written), rejected at the door, written to Zendesk, or failed there. */
public enum MessageStatus {
    ACCEPTED, REJECTED, WRITTEN, FAILED;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageStatus of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
