package io.engagementbridge.observability;

import dev.failsafe.CircuitBreaker;
import io.engagementbridge.engagement.UpstreamListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The backend's Prometheus metrics: request latency, upstream calls by outcome, cache, circuit state. */
public final class Metrics implements UpstreamListener {
    public static final String ZENDESK_REQUESTS = "zendesk_requests";
    public static final String ZENDESK_429_PREFIX = "zendesk_429:";
    public static final String ENGAGEMENT_CALLS = "engagement_calls";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> upstreamByOutcome = new ConcurrentHashMap<>();
    private final MinuteHistory history;

    public Metrics() {
        this(java.time.Clock.systemUTC());
    }

    /** {@code clock} dates the per-minute history the admin page charts. */
    public Metrics(java.time.Clock clock) {
        this.history = new MinuteHistory(clock);
    }

    /** Zendesk requests, 429s by limit and Engagement calls per minute over the last hour. */
    public MinuteHistory history() {
        return history;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void request(String method, String route, int status, Duration took) {
        Timer.builder("bridge_http_requests")
                .description("Backend request latency")
                .tags(Tags.of("method", method, "route", route, "status", Integer.toString(status)))
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    @Override
    public void upstreamCall(String outcome) {
        upstreamByOutcome.computeIfAbsent(outcome, o -> Counter.builder("engagement_upstream_calls")
                .description("Single calls to Engagement, by outcome").tag("outcome", o).register(registry)).increment();
        history.add(ENGAGEMENT_CALLS, 1);
    }

    /** Circuit state per host as a number: 0 closed, 1 half-open, 2 open. */
    public void watchCircuits(Supplier<Map<String, CircuitBreaker.State>> states) {
        Gauge.builder("engagement_circuits_open", () -> states.get().values().stream().filter(s -> s == CircuitBreaker.State.OPEN).count())
                .description("Engagement hosts whose circuit is open").register(registry);
        Gauge.builder("engagement_circuits_half_open", () -> states.get().values().stream().filter(s -> s == CircuitBreaker.State.HALF_OPEN).count())
                .description("Engagement hosts whose circuit is probing").register(registry);
    }

    /** Zendesk calls by endpoint and status, and 429s by the limit that ran out. */
    public io.engagementbridge.zendesk.ResponseObserver zendeskCalls() {
        return signal -> {
            Counter.builder("zendesk_calls").description("Calls to Zendesk, by endpoint and status")
                    .tags("endpoint", signal.endpoint(), "status", Integer.toString(signal.status())).register(registry).increment();
            history.add(ZENDESK_REQUESTS, 1);
            signal.exhausted().ifPresent(limit -> {
                var name = limit.name().toLowerCase(java.util.Locale.ROOT);
                Counter.builder("zendesk_rate_limited").description("429s from Zendesk, by the limit that ran out")
                        .tag("limit", name).register(registry).increment();
                history.add(ZENDESK_429_PREFIX + name, 1);
            });
        };
    }

    /** Work items by state and the age of the oldest unfinished one, read from the store at each scrape. */
    public void watchWork(io.engagementbridge.work.WorkRepository work, java.time.Clock clock) {
        for (var state : io.engagementbridge.work.WorkState.values()) {
            Gauge.builder("bridge_work_items", () -> work.countsByState().get(state))
                    .description("Work items in the store, by state").tag("state", state.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
        Gauge.builder("bridge_work_oldest_pending_seconds", () -> work.oldestPending()
                        .map(oldest -> Duration.between(oldest, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .description("Age of the oldest pending or running work item").baseUnit("seconds").register(registry);
    }

    /**
     * The relay's figures: unfinished relay work and the age of its oldest item (read from the store at each
     * scrape), and counters of events sent, retried and dead-lettered (by reason) and recovered by the sweep.
     */
    public io.engagementbridge.relay.RelayMetrics relay(io.engagementbridge.work.WorkRepository work, java.util.Collection<String> kinds,
                                                         java.time.Clock clock) {
        Gauge.builder("bridge_relay_backlog", () -> work.backlog(kinds).items())
                .description("Relay events not yet accepted by Engagement (pending or running)").register(registry);
        Gauge.builder("bridge_relay_oldest_pending_seconds", () -> work.backlog(kinds).oldest()
                        .map(oldest -> Duration.between(oldest, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .description("Age of the oldest unfinished relay event").baseUnit("seconds").register(registry);
        var sent = Counter.builder("bridge_relay_sent").description("Events Engagement accepted").register(registry);
        var recovered = Counter.builder("bridge_relay_sweep_recovered").description("Events the catch-up sweep found missing and enqueued")
                .register(registry);
        return new io.engagementbridge.relay.RelayMetrics() {
            @Override
            public void sent(int events) {
                sent.increment(events);
            }

            @Override
            public void retried(int events, String reason) {
                Counter.builder("bridge_relay_retried").description("Events to be sent again, by reason").tag("reason", reason)
                        .register(registry).increment(events);
            }

            @Override
            public void deadLettered(String reason) {
                Counter.builder("bridge_relay_dead_lettered").description("Events dead-lettered, by reason").tag("reason", reason)
                        .register(registry).increment();
            }

            @Override
            public void sweepRecovered(int events) {
                recovered.increment(events);
            }
        };
    }

    /** A gauge read at each scrape, e.g. an alert an operator can page on. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, () -> value.get().doubleValue()).description(description).register(registry);
    }

    /** CDP messages by outcome: accepted or rejected at the door, then written to Zendesk or failed there. */
    public void cdpMessage(String outcome) {
        Counter.builder("cdp_messages").description("CDP messages, by outcome (accepted, rejected, written, failed)")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** Import rows: received (stored), then created, updated, unchanged or failed. */
    public void cdpImportRows(String outcome, int rows) {
        Counter.builder("cdp_import_rows").description("CDP import rows, by outcome (received, created, updated, unchanged, failed)")
                .tag("outcome", outcome).register(registry).increment(rows);
    }

    /** CDP messages stored but not yet written (or failed), and the age of the oldest: the streaming lag right now, read at each scrape. */
    public void watchCdpBacklog(io.engagementbridge.work.WorkRepository work, java.util.Collection<String> kinds, java.time.Clock clock) {
        Gauge.builder("bridge_cdp_backlog", () -> work.backlog(kinds).items())
                .description("CDP messages accepted but not yet written to Zendesk or failed").register(registry);
        Gauge.builder("bridge_cdp_oldest_pending_seconds", () -> work.backlog(kinds).oldest()
                        .map(oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toMillis()) / 1000.0).orElse(0.0))
                .description("Age of the oldest CDP message not yet written to Zendesk").baseUnit("seconds").register(registry);
    }

    /** How long a CDP message took from arriving to being written to Zendesk. */
    public void cdpLag(Duration lag) {
        Timer.builder("cdp_message_lag").description("Time from a CDP message's arrival to its write to Zendesk")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry).record(lag);
    }

    public String scrape() {
        return registry.scrape();
    }
}
