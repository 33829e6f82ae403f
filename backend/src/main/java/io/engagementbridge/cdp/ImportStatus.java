package io.engagementbridge.cdp;

import java.util.Locale;

/** Where one import row stands: waiting, in a job, or its outcome. */
public enum ImportStatus {
    PENDING, SENDING, CREATED, UPDATED,
    /** Zendesk already holds exactly what the row asks (this bridge wrote it before): not sent again. */
    UNCHANGED,
    FAILED;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportStatus of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }

    /** The row is settled: written, skipped or failed. */
    public boolean settled() {
        return this != PENDING && this != SENDING;
    }
}
