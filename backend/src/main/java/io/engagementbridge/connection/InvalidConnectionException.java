package io.engagementbridge.connection;

import java.util.List;

/** A connection definition cannot be used; each problem starts with the field it is about. */
public final class InvalidConnectionException extends RuntimeException {
    private final List<String> problems;

    public InvalidConnectionException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
