package io.engagementbridge.web;

import io.javalin.http.Context;

/** Headers every backend response carries: no sniffing, no framing, no scripts in our fragments. */
public final class SecurityHeaders {
    private SecurityHeaders() {
    }

    public static void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; img-src https: http: data:; style-src 'self'; frame-ancestors 'none'");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }
}
