package io.engagementbridge.settings;

import java.util.List;

/** The installation's settings cannot be used; every problem names its setting. */
public final class InvalidSettingsException extends RuntimeException {
    private final List<SettingProblem> problems;

    public InvalidSettingsException(List<SettingProblem> problems) {
        super(problems.size() + " setting problem(s)", null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<SettingProblem> problems() {
        return problems;
    }
}
