package io.engagementbridge.profile;

import io.engagementbridge.TestBackends;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.config.Capacity;
import io.engagementbridge.config.Resilience;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.sidebar.SidebarController;
import io.engagementbridge.sidebar.SecureHeaders;
import io.javalin.testtools.JavalinTest;
import io.javalin.Javalin;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.engagementbridge.TestBackends.KEY_ID;
import static io.engagementbridge.TestBackends.SECRET;
import static io.engagementbridge.TestBackends.attributesAnswer;
import static io.engagementbridge.TestBackends.dataApiRequest;
import static org.assertj.core.api.Assertions.assertThat;

final class BackgroundRefreshTest {
    private static final int PROFILES = 1_000;
    private static final int CONCURRENCY = 3;

    private final TestBackends backends = new TestBackends();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    /** Engagement, answering every profile after a moment and counting the calls it is answering at once. */
    private final Javalin engagement = Javalin.create(config -> config.routes.post("/data/v2/projects/{token}/customers/attributes", ctx -> {
        calls.incrementAndGet();
        mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            TimeUnit.MILLISECONDS.sleep(2);
            ctx.contentType("application/json").result(attributesAnswer("Ada", "Lovelace", "London", 10, "Champions", "Gold"));
        } finally {
            inFlight.decrementAndGet();
        }
    }));

    @Test
    void refreshing_a_thousand_due_profiles_never_runs_more_than_the_configured_number_at_once() throws Exception {
        engagement.start("127.0.0.1", 0);
        var url = HttpUrl.get("http://127.0.0.1:" + engagement.port() + "/");
        // Generous timeouts: on a loaded machine the first, cold loads must not fail and leave profiles out.
        var config = BridgeConfig.forLoopback(0)
                .withTimeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .withResilience(new Resilience(2, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60), 5, 10, Duration.ofSeconds(1)))
                .withCapacity(Capacity.DEFAULTS.withSidebarDeadline(Duration.ofSeconds(60)).withRefresh(CONCURRENCY, Duration.ofMillis(200)));
        JavalinTest.test(backends.app(config), (server, client) -> {
            var agents = new ForkJoinPool(8);
            agents.submit(() -> IntStream.range(0, PROFILES).parallel().forEach(i -> open(client, url, i))).join();
            agents.shutdown();
            assertThat(calls.get()).isEqualTo(PROFILES);
            mostAtOnce.set(0);

            backends.advance(config.cache().refreshAfter().plusSeconds(1));
            var agents2 = new ForkJoinPool(16);
            agents2.submit(() -> IntStream.range(0, PROFILES).parallel().forEach(i -> open(client, url, i))).join(); // cache hits, all due
            agents2.shutdown();
            var until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (calls.get() < 2 * PROFILES && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(calls.get()).isEqualTo(2 * PROFILES);
            assertThat(mostAtOnce.get()).isEqualTo(CONCURRENCY);
        });
    }

    @AfterEach
    void stopEngagement() {
        engagement.stop();
    }

    private static void open(io.javalin.testtools.HttpClient client, HttpUrl engagement, int customer) {
        var body = dataApiRequest(engagement, "customer-" + customer + "@example.com");
        var response = client.post(SidebarController.PATH, body.toString(), req -> req
                .header("Content-Type", "application/json")
                .header(SecureHeaders.KEY_ID, KEY_ID)
                .header(SecureHeaders.KEY_SECRET, SECRET));
        assertThat(response.code()).isEqualTo(200);
    }
}
