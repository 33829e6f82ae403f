package io.engagementbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.engagement.HttpClients;
import io.javalin.Javalin;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Builds the real backend for tests: loopback upstreams allowed, a fixed clock and a hand-driven ticker. */
public final class TestBackends {
    public static final Instant NOW = Instant.parse("2026-11-21T10:15:00Z");
    public static final String KEY_ID = "test-key-id";
    public static final String SECRET = "s3cr3t-value-that-must-never-leak";

    public final AtomicLong nanos = new AtomicLong();
    /** Wall-clock time that moves with the ticker, so cache ages and "as of" times agree. */
    public final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return NOW.plusNanos(nanos.get());
        }
    };

    public Javalin app() {
        return app(BridgeConfig.forLoopback(0));
    }

    public Javalin app(BridgeConfig config) {
        return app(config, HttpClients.upstream(config.timeouts(), config.hostPolicy(), config.capacity()));
    }

    /** The backend calling upstreams through {@code http}, e.g. a client with a test resolver and sockets. */
    public Javalin app(BridgeConfig config, OkHttpClient http) {
        return App.create(config, new App.Dependencies(http, nanos::get, clock));
    }

    /** The backend with its write side on {@code writeSide}'s database. */
    public Javalin app(WriteSide writeSide) {
        var config = BridgeConfig.forLoopback(0);
        return App.create(config, new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy()), nanos::get, clock), writeSide);
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** A sidebar request body for one requester email, with Data API settings pointing at {@code upstream}. */
    public static ObjectNode dataApiRequest(HttpUrl upstream, String email) {
        var body = App.mapper().createObjectNode();
        var requester = body.putObject("requester");
        requester.put("email", email);
        requester.put("name", "Ticket Requester");
        body.putObject("agent").put("locale", "en-US").put("timeZone", "Europe/Prague").put("role", "admin");
        var settings = body.putObject("settings");
        settings.put("title", "Customer value");
        settings.put("engagement_api_base_url", upstream.resolve("/").toString());
        settings.put("engagement_project_token", "cc7cc3c6-6b36-a11b-ffaa-52f58fe58f19");
        settings.put("customer_id_name", "registered");
        settings.put("currency", "USD");
        settings.put("fields", """
                [{"type":"property","property":"first_name","label":"First name"},
                 {"type":"property","property":"last_name","label":"Last name"},
                 {"type":"property","property":"city","label":"City"},
                 {"type":"aggregate","id":"64b7f0a1c2d3e4f5a6b7c8d9","label":"Lifetime value","role":"ltv","format":"money"},
                 {"type":"property","property":"rfm_segment","label":"RFM segment","role":"rfm"},
                 {"type":"property","property":"loyalty_tier","label":"Loyalty tier","role":"loyalty"}]""");
        return body;
    }

    public static String attributesAnswer(String firstName, String lastName, String city, double ltv, String rfm, String tier) {
        var answer = App.mapper().createObjectNode().put("success", true);
        var results = answer.putArray("results");
        results.addObject().put("success", true).put("value", firstName);
        results.addObject().put("success", true).put("value", lastName);
        results.addObject().put("success", true).put("value", city);
        results.addObject().put("success", true).put("value", ltv);
        results.addObject().put("success", true).put("value", rfm);
        results.addObject().put("success", true).put("value", tier);
        return answer.toString();
    }
}
