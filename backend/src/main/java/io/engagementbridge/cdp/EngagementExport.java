package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.engagement.HostPolicy;
import okhttp3.OkHttpClient;

import java.time.Clock;

/** Customers from Engagement's customer export API, as NDJSON identify rows for an import. */
public final class EngagementExport implements SyncCommand.EngagementSource {
    private final ConnectionRepository connections;
    private final OkHttpClient http;
    private final HostPolicy policy;
    private final ObjectMapper mapper;
    private final Clock clock;

    public EngagementExport(ConnectionRepository connections, OkHttpClient http, HostPolicy policy, ObjectMapper mapper, Clock clock) {
        this.connections = connections;
        this.http = http;
        this.policy = policy;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public byte[] export(String connectionId, String segmentation, Integer segment) {
        throw new IllegalArgumentException("--from-engagement is not available yet");
    }
}
