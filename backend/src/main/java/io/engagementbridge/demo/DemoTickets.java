package io.engagementbridge.demo;

import io.engagementbridge.demo.engagement.SimulatedCustomer;
import io.engagementbridge.demo.zendesk.SimulatedTicket;

import java.util.ArrayList;
import java.util.List;

/** The simulated agent's queue: tickets from seeded customers, plus one requester Engagement has never seen. */
final class DemoTickets {
    static final String UNKNOWN_EMAIL = "first.time.caller@example.org";

    private DemoTickets() {
    }

    static List<SimulatedTicket> from(List<SimulatedCustomer> customers) {
        var subjects = List.of(
                new String[] {"Order #48213 arrived damaged", "urgent", "The vase in my last order arrived in pieces. Can you send a replacement before Friday?"},
                new String[] {"Can I change my delivery address?", "normal", "I moved last week and my next order still shows the old address."},
                new String[] {"Refund still not received", "high", "I returned the jacket two weeks ago and have not seen the refund yet."},
                new String[] {"Question about my loyalty points", "low", "How many points do I need for the next tier?"},
                new String[] {"Discount code does not work", "normal", "The code from your newsletter says it is expired."},
                new String[] {"Where is my parcel?", "high", "Tracking has not moved for five days."});
        var tickets = new ArrayList<SimulatedTicket>();
        long id = 101;
        var picks = List.of(0, 1, 2, 3, 4, 5, 6);
        for (int i = 0; i < subjects.size() && i < picks.size() && picks.get(i) < customers.size(); i++) {
            var customer = customers.get(picks.get(i));
            var s = subjects.get(i);
            tickets.add(ticket(id++, s[0], s[1], s[2], 9001 + i, customer.fullName(), customer.email(),
                    customer.externalId(), customer.secondaryEmail()));
        }
        tickets.add(ticket(id, "Do you ship to Iceland?", "low", "Hi, I have never ordered from you before. Do you ship to Reykjavik?",
                9100, "Sigríður Jónsdóttir", UNKNOWN_EMAIL, null, null));
        return tickets;
    }

    static SimulatedTicket ticket(long id, String subject, String priority, String description,
                                          long requesterId, String name, String email, String externalId, String secondaryEmail) {
        var identities = new ArrayList<SimulatedTicket.Identity>();
        identities.add(new SimulatedTicket.Identity("email", email, true));
        if (secondaryEmail != null) {
            identities.add(new SimulatedTicket.Identity("email", secondaryEmail, false));
        }
        return new SimulatedTicket(id, subject, "open", priority, "2026-11-21T08:" + (10 + id % 40) + ":00Z", description,
                new SimulatedTicket.Requester(requesterId, name, email, externalId, identities));
    }
}
