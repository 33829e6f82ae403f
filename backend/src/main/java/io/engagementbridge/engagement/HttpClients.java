package io.engagementbridge.engagement;

import io.engagementbridge.config.Timeouts;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/** Builds the one OkHttpClient the backend shares for all upstream calls. */
public final class HttpClients {
    private HttpClients() {
    }

    public static OkHttpClient upstream(Timeouts timeouts, HostPolicy policy) {
        return upstream(timeouts, policy, Dns.SYSTEM);
    }

    /** The same client resolving names with {@code resolver}; every answer still passes the policy's guard. */
    public static OkHttpClient upstream(Timeouts timeouts, HostPolicy policy, Dns resolver) {
        return new OkHttpClient.Builder()
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
