package io.engagementbridge.priority;

import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.settings.SettingProblem;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.zendesk.ZendeskException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The work item that provisions a connection's Zendesk account (on connect, and on Repair): runs
 * {@link Provisioning#provision} with the connection's tier rules ({@code priority_rules} in its settings,
 * else the defaults). A transient Zendesk failure retries; one only an admin can fix is dead-lettered with its hint.
 */
public final class ProvisionConnection implements WorkHandler {
    public static final String KIND = "provision_zendesk";
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionConnection.class);

    private final ConnectedZendesk zendesk;
    private final Provisioning provisioning;
    private final TierRulesParser rulesParser;
    private final Predicate<String> disconnecting;

    /** {@code disconnecting} says whether a connection's disconnect is queued: provisioning it then would only be undone. */
    public ProvisionConnection(ConnectedZendesk zendesk, Provisioning provisioning, TierRulesParser rulesParser, Predicate<String> disconnecting) {
        this.zendesk = zendesk;
        this.provisioning = provisioning;
        this.rulesParser = rulesParser;
        this.disconnecting = disconnecting;
    }

    /** The item to enqueue when a connection is made or repaired; {@code reason} (e.g. "connect", "repair-<time>") keeps distinct requests distinct. */
    public static NewWork work(String connectionId, String reason) {
        return new NewWork(connectionId, KIND, "provisioning", "{}", KIND + ":" + reason);
    }

    @Override
    public Outcome handle(WorkItem item) throws InterruptedException {
        if (disconnecting.test(item.connectionId())) {
            return Outcome.DONE;
        }
        var account = zendesk.find(item.connectionId());
        if (account.isEmpty()) {
            return Outcome.connectionRemoved();
        }
        var problems = new ArrayList<SettingProblem>();
        var rules = rulesParser.parse(account.get().connection(), problems);
        if (!problems.isEmpty()) {
            return Outcome.deadLetter(problems.stream().map(SettingProblem::message).collect(Collectors.joining(" ")));
        }
        try {
            var report = provisioning.provision(account.get().connection(), account.get().client(), account.get().governor(), rules);
            LOG.info("Provisioned Zendesk for connection {}: {} created, {} updated, {} already there", item.connectionId(),
                    report.count(ProvisioningReport.Outcome.CREATED), report.count(ProvisioningReport.Outcome.UPDATED),
                    report.count(ProvisioningReport.Outcome.ALREADY_THERE));
            return Outcome.DONE;
        } catch (ZendeskException e) {
            // A disconnect queued while this ran waits behind it: trying again later would hold the disconnect up.
            return disconnecting.test(item.connectionId()) ? Outcome.DONE : Outcome.of(e.failure());
        }
    }
}
