package io.engagementbridge.settings;

/** One thing wrong in the installation settings: which setting, and what to do about it. */
public record SettingProblem(String setting, String message) {
}
