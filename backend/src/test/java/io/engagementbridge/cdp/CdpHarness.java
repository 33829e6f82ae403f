package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.App;
import io.engagementbridge.bench.ScaledClock;
import io.engagementbridge.bench.SimulatedZendeskAccount;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.demo.zendeskapi.ZendeskApiSimulator;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.store.StoreConfig;
import io.engagementbridge.zendesk.ResponseObserver;
import io.javalin.Javalin;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The real backend (streaming API and its workers) connected to a Zendesk API simulator, both on a clock
 * running {@code factor} times faster than the wall clock so per-minute limits pass in seconds.
 */
final class CdpHarness implements AutoCloseable {
    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final MediaType JSON = MediaType.get("application/json");

    final ScaledClock clock;
    final SimulatedZendeskAccount account;
    private final Javalin backend;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
    private final String base;

    record Reply(int code, JsonNode body) {
    }

    CdpHarness(Path dir, int factor) {
        this(StoreConfig.sqlite(dir), factor);
    }

    CdpHarness(StoreConfig store, int factor) {
        clock = new ScaledClock(START, factor);
        account = SimulatedZendeskAccount.open(store, clock, SimulatorLimits.defaults(), 700, ResponseObserver.NONE, SimulatedZendeskAccount.NO_ENGAGEMENT);
        var config = BridgeConfig.forLoopback(0);
        backend = App.create(config, new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy()),
                () -> clock.instant().toEpochMilli() * 1_000_000L, clock), account.writeSide()).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + backend.port();
    }

    ZendeskApiSimulator zendesk() {
        return account.simulator();
    }

    /** The connection's {@code settings.cdp}, replaced by {@code cdp}. */
    void cdpSettings(String cdp) {
        var repository = account.writeSide().connectionRepository();
        var settings = repository.find(account.connectionId()).orElseThrow().settings();
        try {
            settings.set("cdp", App.mapper().readTree(cdp));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repository.updateSettings(account.connectionId(), settings);
    }

    Reply send(String body) {
        return send(body, account.inboundToken());
    }

    Reply send(String body, String token) {
        return execute(new Request.Builder().url(base + CdpInbox.EVENTS_PATH).post(RequestBody.create(body, JSON)), token);
    }

    Reply send(byte[] body) {
        return execute(new Request.Builder().url(base + CdpInbox.EVENTS_PATH).post(RequestBody.create(body, JSON)), account.inboundToken());
    }

    Reply messages(String query) {
        return execute(new Request.Builder().url(base + CdpInbox.MESSAGES_PATH + query).get(), account.inboundToken());
    }

    String metrics() {
        try (var response = http.newCall(new Request.Builder().url(base + "/metrics").build()).execute()) {
            return response.body().string();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reply execute(Request.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (var response = http.newCall(request.build()).execute()) {
            var text = response.body().string();
            return new Reply(response.code(), text.isBlank() ? App.mapper().createObjectNode() : App.mapper().readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The logged outcome of {@code messageId} once it is written or failed (waits up to 20 s). */
    JsonNode outcome(String messageId) {
        eventually("message " + messageId + " is written or failed", 20, () -> {
            var status = logged(messageId).path("status").asText();
            return status.equals("written") || status.equals("failed");
        });
        return logged(messageId);
    }

    JsonNode logged(String messageId) {
        for (var message : messages("?limit=1000").body().path("messages")) {
            if (message.path("messageId").asText().equals(messageId)) {
                return message;
            }
        }
        return App.mapper().createObjectNode();
    }

    /** Work items stored for the connection's messages, in any state (not the retention chain's or the relay sweep's own items). */
    long storedWork() {
        var work = account.writeSide().work();
        return java.util.Arrays.stream(io.engagementbridge.work.WorkState.values())
                .flatMap(state -> work.items(account.connectionId(), state, 100_000).stream())
                .filter(item -> CdpWork.MESSAGE_KINDS.contains(item.kind()))
                // States are read one after another, in the order items move through them: one that moved on is seen twice.
                .map(io.engagementbridge.work.WorkItem::id).distinct().count();
    }

    /** Waits (in real time, at most {@code seconds}) until {@code condition} holds; fails with {@code what} otherwise. */
    static void eventually(String what, int seconds, BooleanSupplier condition) {
        var deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    static ObjectNode object() {
        return App.mapper().createObjectNode();
    }

    @Override
    public void close() {
        backend.stop();
        account.close();
    }
}
