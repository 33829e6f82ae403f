package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.observability.Metrics;
import io.engagementbridge.store.Database;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.ZendeskClients;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The work handlers of the streaming API, one per kind of {@link CdpWork}, and the retention chain, for the composition root to register. */
public final class CdpHandlers {
    private CdpHandlers() {
    }

    /** {@code workerId} and {@code lease} must be the work runner's own: handlers lease the writes they fold into theirs. */
    public static Map<String, WorkHandler> create(ConnectionRepository connections, ZendeskClients clients, ZendeskOAuthConfig operatorClient,
                                                  WorkRepository work, MessageLog log, ObjectMapper mapper, Metrics metrics, Clock clock,
                                                  String workerId, Duration lease, JobPoller.Sleeper sleeper, Database database, int retentionDays) {
        var targets = new CdpConnections(connections, clients, operatorClient, sleeper);
        var fields = new FieldCatalog(clock);
        var outcomes = new CdpOutcomes(log, metrics, clock);
        return Map.of(CdpWork.USER_WRITE, new UserWrites(targets, work, log, fields, mapper, metrics, clock, workerId, lease, sleeper),
                CdpWork.TRACK, targets.handler(mapper, new TrackEvents(outcomes, mapper)::handle),
                CdpWork.TICKET_UPDATE, targets.handler(mapper, new TicketUpdates(outcomes, mapper)::handle),
                CdpWork.GROUP, targets.handler(mapper, new GroupWrites(outcomes, fields, mapper, clock)::handle),
                CdpRetention.KIND, new CdpRetention(connections, log, new ImportStore(database), work, retentionDays, clock));
    }
}
