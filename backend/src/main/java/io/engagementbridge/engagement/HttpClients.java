package io.engagementbridge.engagement;

import io.engagementbridge.config.Capacity;
import io.engagementbridge.config.Timeouts;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/** Builds the one OkHttpClient the backend shares for all upstream calls. */
public final class HttpClients {
    private HttpClients() {
    }

    public static OkHttpClient upstream(Timeouts timeouts, HostPolicy policy) {
        return upstream(timeouts, policy, Capacity.DEFAULTS);
    }

    public static OkHttpClient upstream(Timeouts timeouts, HostPolicy policy, Capacity capacity) {
        return upstream(timeouts, policy, capacity, Dns.SYSTEM);
    }

    /** The same client resolving names with {@code resolver}; every answer still passes the policy's guard. */
    public static OkHttpClient upstream(Timeouts timeouts, HostPolicy policy, Dns resolver) {
        return upstream(timeouts, policy, Capacity.DEFAULTS, resolver);
    }

    /**
     * OkHttp allows 5 calls per host by default: a few hanging calls to one Engagement host would queue
     * every other open behind them. The limits come from {@link Capacity} instead.
     */
    public static OkHttpClient upstream(Timeouts timeouts, HostPolicy policy, Capacity capacity, Dns resolver) {
        var dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(capacity.dispatcherMaxPerHost());
        dispatcher.setMaxRequests(4 * capacity.dispatcherMaxPerHost());
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.call())
                .followRedirects(false)
                .followSslRedirects(false)
                .dns(new GuardedDns(policy, resolver))
                .build();
    }
}
