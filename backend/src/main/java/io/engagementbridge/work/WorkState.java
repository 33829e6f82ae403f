package io.engagementbridge.work;

/** Where a work item is in its life. */
public enum WorkState {
    PENDING, RUNNING, DONE, DEAD;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static WorkState of(String column) {
        return valueOf(column.toUpperCase(java.util.Locale.ROOT));
    }
}
