package io.engagementbridge.settings;

import com.fasterxml.jackson.core.JsonProcessingException;

/** One thing wrong in the installation settings: which setting, and what to do about it. */
public record SettingProblem(String setting, String message) {

    /** Where a JSON setting stops being JSON, e.g. " (line 1, column 12)", for "This is not valid JSON…" messages. */
    public static String position(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
