package io.engagementbridge.cdp;

/** Counts import rows as they are stored ({@code received}) and as each gets its outcome ({@code created}, {@code updated}, {@code unchanged}, {@code failed}). */
@FunctionalInterface
public interface ImportRowCounts {
    ImportRowCounts NONE = (outcome, rows) -> { };

    void count(String outcome, int rows);
}
