package io.engagementbridge.web;

import io.engagementbridge.observability.Metrics;
import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** One line per request (method, path without query string, status, ms; no headers, no bodies) and its latency metric. */
public final class RequestLog implements RequestLogger {
    private static final Logger LOG = LoggerFactory.getLogger("request");
    private final Metrics metrics;

    public RequestLog(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx, Float ms) {
        var status = ctx.status().getCode();
        LOG.info("{} {} {} {}ms", ctx.method(), ctx.path(), status, Math.round(ms));
        metrics.request(ctx.method().name(), ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path, status,
                Duration.ofNanos((long) (ms * 1_000_000)));
    }
}
