package io.engagementbridge.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.priority.ProvisionConnection;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.zendesk.ZendeskException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Disconnect as durable work: first delete in Zendesk what provisioning created, then revoke the
 * token and delete the connection. Stored before it starts, so a crash halfway resumes from the
 * recorded ids instead of leaving fields, triggers or a view behind with nobody to remove them.
 */
public final class DisconnectConnection implements WorkHandler {
    public static final String KIND = "disconnect_zendesk";
    private static final Logger LOG = LoggerFactory.getLogger(DisconnectConnection.class);

    private final ConnectedZendesk zendesk;
    private final Provisioning provisioning;
    private final ZendeskTokens tokens;

    public DisconnectConnection(ConnectedZendesk zendesk, ZendeskOAuthConfig operatorClient, Provisioning provisioning, OkHttpClient http,
                                ObjectMapper mapper) {
        this.zendesk = zendesk;
        this.provisioning = provisioning;
        this.tokens = new ZendeskTokens(http, mapper, operatorClient);
    }

    /** One disconnect per connection: asking twice while the first is under way is a no-op. */
    public static NewWork work(String connectionId) {
        return new NewWork(connectionId, KIND, "provisioning", "{}", KIND);
    }

    /**
     * Queues the disconnect of a connection; provisioning still waiting (a connect or Repair, perhaps in a long
     * Retry-After) is superseded, so it neither holds the disconnect up nor re-creates what the disconnect removes.
     */
    public static void queue(WorkRepository work, String connectionId, Instant now) {
        work.enqueueSuperseding(work(connectionId), ProvisionConnection.KIND, "superseded by a disconnect", now);
    }

    /** Whether a disconnect of the connection is waiting or running. */
    public static boolean underWay(WorkRepository work, String connectionId) {
        return work.unfinished(connectionId, KIND);
    }

    @Override
    public Outcome handle(WorkItem item) throws InterruptedException {
        var found = zendesk.find(item.connectionId());
        if (found.isEmpty()) {
            // Already removed: what the disconnect was for.
            return Outcome.DONE;
        }
        var account = found.get();
        try {
            var report = provisioning.deprovision(account.connection(), account.client(), account.governor());
            LOG.info("Disconnecting connection {}: removed {} Zendesk objects ({} already gone)", item.connectionId(),
                    report.count(io.engagementbridge.priority.ProvisioningReport.Outcome.REMOVED),
                    report.count(io.engagementbridge.priority.ProvisioningReport.Outcome.ALREADY_GONE));
        } catch (ZendeskException e) {
            var failure = e.failure();
            return Outcome.of(failure, "Zendesk objects could not be removed (" + failure.summary() + "): " + failure.hint());
        }
        var accessToken = account.secrets().zendesk().accessToken();
        if (accessToken != null) {
            tokens.revoke(HttpUrl.get(account.connection().zendeskUrl()), accessToken);
        }
        // Deleting the connection deletes its work too, this item included: it is done either way.
        zendesk.remove(item.connectionId());
        return Outcome.DONE;
    }
}
