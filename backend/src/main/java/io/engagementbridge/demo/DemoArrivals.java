package io.engagementbridge.demo;

import io.engagementbridge.App;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.demo.engagement.SimulatedCustomer;
import io.engagementbridge.demo.zendesk.SimulatedInstallation;
import io.engagementbridge.demo.zendesk.ZendeskSimulator.Arrivals;
import io.engagementbridge.demo.zendeskapi.ZendeskApiSimulator;
import io.engagementbridge.priority.ConnectionProfiles;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.priority.TierRulesParser;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The workspace's "100 tickets arrive" button: once Zendesk is connected (fields, triggers and the events
 * webhook provisioned), 100 tickets arrive at once from demo customers whose Zendesk user already holds a tier,
 * customers only Engagement knows, and strangers; triggers and the bridge's fallback order them by value.
 */
final class DemoArrivals implements Supplier<Arrivals> {
    static final int TICKETS = 100;
    static final int TIERED = 32;
    static final int UNTIERED = 20;
    static final int UNKNOWN = 10;
    /** The first customers are the seeded tickets' requesters; the burst's come after them. */
    static final int FIRST_CUSTOMER = 8;
    private static final Logger LOG = LoggerFactory.getLogger(DemoArrivals.class);

    private final ConnectionRepository connections;
    private final ZendeskApiSimulator zendesk;
    private final HttpUrl zendeskUrl;
    private final List<SimulatedCustomer> customers;
    private final SimulatedInstallation installation;
    private final AtomicInteger presses = new AtomicInteger();

    DemoArrivals(ConnectionRepository connections, ZendeskApiSimulator zendesk, HttpUrl zendeskUrl, List<SimulatedCustomer> customers,
                 SimulatedInstallation installation) {
        this.connections = connections;
        this.zendesk = zendesk;
        this.zendeskUrl = zendeskUrl;
        this.customers = customers;
        this.installation = installation;
    }

    @Override
    public Arrivals get() {
        var connection = connections.list().stream()
                .filter(each -> each.settings().path(Provisioning.SETTING).has("ticket_field")).findFirst();
        if (connection.isEmpty()) {
            return new Arrivals(409, "Connect Zendesk first (\"Connect Zendesk\" under the sidebar, then Allow): the bridge then creates "
                    + "the tier fields, triggers and webhook that order the queue.");
        }
        var press = presses.incrementAndGet();
        recordProfileSettings(connection.get());
        var problems = new ArrayList<io.engagementbridge.settings.SettingProblem>();
        var rules = new TierRulesParser(App.mapper()).parse(connection.get(), problems);
        var arrivals = new TicketArrivals(zendesk, zendeskUrl, rules);
        var thread = new Thread(() -> {
            try {
                var known = customers.subList(Math.min(FIRST_CUSTOMER, customers.size()), customers.size());
                var requesters = arrivals.requesters(known, Math.min(TIERED, known.size()), Math.max(0, Math.min(UNTIERED, known.size() - TIERED)),
                        UNKNOWN, "press" + press);
                arrivals.arrive(requesters, TICKETS, press, 8);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("The demo's ticket arrivals stopped: {}", e.getMessage());
            }
        }, "demo-arrivals");
        thread.setDaemon(true);
        thread.start();
        return new Arrivals(202, TICKETS + " tickets are arriving; the queue reorders itself as they are prioritised.");
    }

    /** What an agent opening the app would record: the installation's sidebar settings, so the fallback can look customers up. */
    private void recordProfileSettings(Connection connection) {
        if (connection.settings().path(ConnectionProfiles.SETTING).isObject()) {
            return;
        }
        connections.updateSetting(connection.id(), ConnectionProfiles.SETTING,
                ConnectionProfiles.recordable(App.mapper().valueToTree(installation.settings())));
    }
}
