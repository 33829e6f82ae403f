package io.engagementbridge.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import io.engagementbridge.App;
import io.engagementbridge.cdp.CdpInbox;
import io.engagementbridge.cdp.MessageLog;
import io.engagementbridge.cdp.MessageStatus;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.demo.zendeskapi.User;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.work.WorkState;
import io.engagementbridge.zendesk.ResponseObserver;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The streaming half of {@code benchmark sync}: {@code messages} identify messages for {@code users} users,
 * sent in {@code bursts} batches through {@code POST /v1/cdp/events} (real HTTP, the connection's bearer
 * token) to a backend whose workers write them to the Zendesk simulator. Each message sets the user's name
 * and an {@code ltv} field to its own sequence number, so the latest value per user is known and what
 * Zendesk holds at the end can be checked against it.
 */
final class SyncStream {
    private static final MediaType JSON = MediaType.get("application/json");
    /** The streaming API takes at most 500 messages a request. */
    static final int MAX_BATCH = 500;
    /** Waiting ends when nothing more was written for this long (real time). */
    private static final Duration STALL = Duration.ofSeconds(90);

    /** What the run measured; lags in simulated time. */
    record Result(int messages, int users, int accepted, int written, int failed, long zendeskRequests, long userWrites, long rateLimited,
                  int peakWritesPerUserMinute, Duration lagP50, Duration lagP95, int usersNotLatest, long deadLetters, Duration streamed,
                  Duration simulated) {

        /** Accepted messages that were neither written nor failed when waiting ended. */
        int unsettled() {
            return accepted - written - failed;
        }
    }

    private SyncStream() {
    }

    static Result run(Path dir, int messages, int users, int bursts, Duration burstEvery, int scale, SimulatorLimits limits, int planRpm,
                      PrintStream progress) throws Exception {
        var clock = new ScaledClock(Instant.now(), scale);
        try (var account = SimulatedZendeskAccount.open(dir, clock, limits, planRpm, ResponseObserver.NONE)) {
            account.zendesk().client().createUserField(App.mapper().readTree("{\"key\":\"ltv\",\"type\":\"decimal\",\"title\":\"LTV\"}"));
            var config = BridgeConfig.forLoopback(0);
            var backend = App.create(config, new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy()), Ticker.systemTicker(),
                    clock), account.writeSide()).start("127.0.0.1", 0);
            var http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
            try {
                var url = "http://127.0.0.1:" + backend.port() + CdpInbox.EVENTS_PATH;
                var random = new Random(42);
                var latest = new HashMap<String, Integer>();
                var perBurst = (messages + bursts - 1) / bursts;
                account.simulator().stats().reset();
                var from = clock.instant();
                var accepted = 0;
                var sent = 0;
                for (int burst = 0; burst < bursts && sent < messages; burst++) {
                    var inBurst = Math.min(perBurst, messages - sent);
                    for (int offset = 0; offset < inBurst; offset += MAX_BATCH) {
                        var batch = App.mapper().createArrayNode();
                        for (int i = offset; i < Math.min(inBurst, offset + MAX_BATCH); i++) {
                            var sequence = ++sent;
                            var userId = "stream-" + random.nextInt(users);
                            latest.put(userId, sequence);
                            var message = batch.addObject().put("type", "identify").put("messageId", "s" + sequence).put("userId", userId)
                                    .put("timestamp", clock.instant().toString());
                            message.putObject("traits").put("name", "Customer " + userId + " v" + sequence).put("ltv", sequence);
                        }
                        accepted += send(http, url, account.inboundToken(), App.mapper().createObjectNode().set("batch", batch).toString());
                    }
                    progress.printf("  burst %d of %d: %,d messages sent%n", burst + 1, bursts, sent);
                    if (burst + 1 < bursts) {
                        clock.sleep(burstEvery);
                    }
                }
                var streamed = Duration.between(from, clock.instant());
                var log = new MessageLog(account.writeSide().database());
                var done = awaitSettled(log, account.connectionId(), accepted, progress);

                var lags = new ArrayList<Duration>();
                var written = 0;
                var failed = 0;
                for (var logged : done) {
                    if (logged.status() == MessageStatus.WRITTEN) {
                        written++;
                        lags.add(Duration.between(logged.receivedAt(), logged.updatedAt()));
                    } else if (logged.status() == MessageStatus.FAILED) {
                        failed++;
                    }
                }
                lags.sort(Comparator.naturalOrder());
                var lastWritten = done.stream().filter(m -> m.status() == MessageStatus.WRITTEN).map(MessageLog.Logged::updatedAt)
                        .max(Comparator.naturalOrder()).orElse(from);
                var simulated = Duration.between(from, lastWritten);
                var notLatest = 0;
                for (var entry : latest.entrySet()) {
                    Optional<User> user = account.simulator().userByExternalId(entry.getKey());
                    var holds = user.map(u -> u.name().endsWith(" v" + entry.getValue())
                            && u.userFields().get("ltv") instanceof BigDecimal ltv && ltv.compareTo(BigDecimal.valueOf(entry.getValue())) == 0).orElse(false);
                    if (!holds) {
                        notLatest++;
                    }
                }
                var stats = account.simulator().stats();
                var requests = stats.requests().values().stream().flatMap(s -> s.values().stream()).mapToLong(Long::longValue).sum();
                var userWrites = stats.count("POST /api/v2/users/create_or_update", 200) + stats.count("POST /api/v2/users/create_or_update", 201);
                var rateLimited = stats.rateLimited().values().stream().mapToLong(Long::longValue).sum();
                return new Result(sent, latest.size(), accepted, written, failed, requests, userWrites, rateLimited,
                        account.simulator().peakUserWritesPerMinute(), PriorityBenchmark.percentile(lags, 0.50), PriorityBenchmark.percentile(lags, 0.95), notLatest,
                        account.writeSide().work().countsByState().get(WorkState.DEAD), streamed, simulated);
            } finally {
                backend.stop();
            }
        }
    }

    /** Sends one batch with the connection's bearer token; returns how many messages the API accepted. */
    private static int send(OkHttpClient http, String url, String token, String body) throws IOException {
        var request = new Request.Builder().url(url).header("Authorization", "Bearer " + token).post(RequestBody.create(body, JSON)).build();
        try (var response = http.newCall(request).execute()) {
            var text = response.body().string();
            if (response.code() != 200) {
                throw new IllegalStateException("the streaming API answered " + response.code() + ": " + text);
            }
            var accepted = 0;
            for (var result : App.mapper().readTree(text).path("results")) {
                if (result.path("status").asText().equals("accepted")) {
                    accepted++;
                }
            }
            return accepted;
        }
    }

    /** Waits until every accepted message is written or failed, or nothing has moved for {@link #STALL}; the log as it then is. */
    private static List<MessageLog.Logged> awaitSettled(MessageLog log, String connectionId, int accepted, PrintStream progress)
            throws InterruptedException {
        var lastMove = System.nanoTime();
        var lastSettled = -1;
        var lastSaid = System.nanoTime();
        while (true) {
            var all = log.list(connectionId, Optional.empty(), accepted + 1);
            var settled = (int) all.stream().filter(m -> m.status() == MessageStatus.WRITTEN || m.status() == MessageStatus.FAILED).count();
            if (settled >= accepted) {
                return all;
            }
            if (settled != lastSettled) {
                lastSettled = settled;
                lastMove = System.nanoTime();
            }
            if (System.nanoTime() - lastSaid > Duration.ofSeconds(10).toNanos()) {
                progress.printf("  %,d of %,d messages written or failed%n", settled, accepted);
                lastSaid = System.nanoTime();
            }
            if (System.nanoTime() - lastMove > STALL.toNanos()) {
                return all;
            }
            Thread.sleep(500);
        }
    }
}
