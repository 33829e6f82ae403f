package io.engagementbridge.oauth;

import java.util.Locale;

/**
 * The Connect Zendesk callback cannot finish; rendered once (registered with the routes) as a
 * short page in the admin's language. {@code detail} is a fact for the page, never a secret.
 */
final class ConnectFailure extends RuntimeException {
    enum Kind { EXPIRED, DENIED, REFUSED, UNREACHABLE }

    private final Kind kind;
    private final String detail;
    private final Locale locale;

    ConnectFailure(Kind kind, String detail, Locale locale) {
        super(kind + (detail == null ? "" : ": " + detail), null, false, false);
        this.kind = kind;
        this.detail = detail;
        this.locale = locale;
    }

    Kind kind() {
        return kind;
    }

    String detail() {
        return detail;
    }

    Locale locale() {
        return locale;
    }
}
