package io.engagementbridge.web;

import io.javalin.http.Context;

import java.util.regex.Pattern;

/**
 * The one place text bound for a log is stripped of secrets: the request's key pair and token
 * headers, and anything shaped like a JWT or a Basic credential, are masked.
 */
public final class Redaction {
    static final String MASK = "***";
    private static final String[] SECRET_HEADERS = {"X-Engagement-Key-Id", "X-Engagement-Key-Secret", "Authorization"};
    private static final Pattern TOKENS = Pattern.compile("(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+|eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private Redaction() {
    }

    public static String redact(Context ctx, String text) {
        if (text == null) {
            return null;
        }
        var secrets = new java.util.ArrayList<String>();
        for (var header : SECRET_HEADERS) {
            var value = ctx.header(header);
            if (value != null) {
                secrets.add(value.trim());
            }
        }
        return redact(text, secrets);
    }

    /** {@code text} with each of {@code secrets} (at least 4 characters long) and anything shaped like a token masked. */
    public static String redact(String text, Iterable<String> secrets) {
        if (text == null) {
            return null;
        }
        var result = text;
        for (var secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                // Upstream error texts reach us lower-cased, secrets quoted in them too.
                result = Pattern.compile(Pattern.quote(secret), Pattern.CASE_INSENSITIVE).matcher(result).replaceAll(MASK);
            }
        }
        return redact(result);
    }

    /** {@code text} with anything shaped like a token (Bearer, Basic, JWT) masked: what every log line gets. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return TOKENS.matcher(text).replaceAll(MASK);
    }

    /** A copy of {@code error} for logging: same type name and stack, redacted message. */
    public static Throwable redact(Context ctx, Throwable error) {
        var copy = new RuntimeException(error.getClass().getName() + ": " + redact(ctx, error.getMessage()));
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }
}
