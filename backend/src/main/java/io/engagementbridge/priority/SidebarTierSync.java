package io.engagementbridge.priority;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.access.ZendeskJwt;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.oauth.Installation;
import io.engagementbridge.profile.CustomerProfile;
import io.engagementbridge.settings.SettingProblem;
import io.engagementbridge.sidebar.ProfileShown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The sidebar's side of "the bridge loaded a profile": off the request's thread, finds the installation's
 * connection (by the ZAF JWT the access layer already verified, as Connect Zendesk does), records the
 * installation's sidebar settings on it (secrets left out; the ticket webhook's lookups use them) and hands
 * the profile to {@link UserTierSync} with the connection's tier rules, the ones its triggers were
 * provisioned with. When the backlog is full, opens are skipped rather than waited for: the agent's answer
 * never waits for this.
 */
public final class SidebarTierSync implements ProfileShown, AutoCloseable {
    static final int BACKLOG = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(SidebarTierSync.class);

    private final ConnectionRepository connections;
    private final UserTierSync sync;
    private final TierRulesParser rulesParser;
    private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(BACKLOG), runnable -> {
        var thread = new Thread(runnable, "sidebar-tier-sync");
        thread.setDaemon(true);
        return thread;
    }, new ThreadPoolExecutor.DiscardPolicy());

    public SidebarTierSync(ConnectionRepository connections, UserTierSync sync, TierRulesParser rulesParser) {
        this.connections = connections;
        this.sync = sync;
        this.rulesParser = rulesParser;
    }

    @Override
    public void shown(Optional<ZendeskJwt.Verified> caller, long zendeskUserId, CustomerProfile profile, JsonNode settings) {
        caller.ifPresent(verified -> executor.execute(() -> sync(verified, zendeskUserId, profile, settings)));
    }

    private void sync(ZendeskJwt.Verified caller, long zendeskUserId, CustomerProfile profile, JsonNode settings) {
        try {
            var connection = Installation.of(caller).flatMap(installation -> connections.findByInstallation(installation.key()));
            if (connection.isEmpty()) {
                return;
            }
            record(connection.get(), settings);
            var problems = new ArrayList<SettingProblem>();
            var rules = rulesParser.parse(connection.get(), problems);
            // Before provisioning has created the user fields, Zendesk would refuse the write.
            var provisioned = connection.get().settings().path(Provisioning.SETTING).path("user_fields").has(Provisioning.TIER_FIELD_KEY);
            if (problems.isEmpty() && provisioned) {
                sync.profileLoaded(connection.get().id(), zendeskUserId, profile, rules);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not queue a tier update after a sidebar open ({})", e.getClass().getSimpleName());
        }
    }

    /** The installation's sidebar settings onto the connection, when they changed; other settings are kept. */
    private void record(Connection connection, JsonNode settings) {
        var recordable = ConnectionProfiles.recordable(settings);
        if (!recordable.equals(connection.settings().path(ConnectionProfiles.SETTING))) {
            connections.updateSetting(connection.id(), ConnectionProfiles.SETTING, recordable);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
