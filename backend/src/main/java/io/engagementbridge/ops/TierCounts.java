package io.engagementbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.zendesk.Governor;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Tiers panel, read from Zendesk itself: known users and open tickets per value tier (the tier user
 * field provisioning created), and the requesters of open tickets who have no tier yet. Each list call
 * waits for a read permit of the account's governor.
 */
final class TierCounts {
    static final int REQUESTERS_SHOWN = 30;
    private static final Set<String> OPEN = Set.of("new", "open", "pending", "hold");

    /** One tier's row: its option value, the name agents see, users carrying it and open tickets they requested. */
    record Row(String tier, String name, long users, long openTickets) {
    }

    record Requester(long id, String name, String email) {
    }

    record Result(List<Row> tiers, long usersWithoutTier, long openTicketsWithoutTier, List<Requester> requestersWithoutTier) {
    }

    private final JobPoller.Sleeper sleeper;

    TierCounts(JobPoller.Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    Result read(ZendeskClient client, Governor governor, String connectionId) throws InterruptedException {
        var names = new LinkedHashMap<String, String>();
        for (var field : list(client, governor, connectionId, "/api/v2/user_fields", "user_fields")) {
            if (Provisioning.TIER_FIELD_KEY.equals(field.path("key").asText())) {
                field.path("custom_field_options").forEach(o -> names.put(o.path("value").asText(), o.path("name").asText()));
            }
        }
        var tierOf = new HashMap<Long, String>();
        var people = new HashMap<Long, JsonNode>();
        var users = new LinkedHashMap<String, Long>();
        names.keySet().forEach(tier -> users.put(tier, 0L));
        long usersWithout = 0;
        for (var user : list(client, governor, connectionId, "/api/v2/users", "users")) {
            if (!"end-user".equals(user.path("role").asText("end-user"))) {
                continue;
            }
            var id = user.path("id").asLong();
            people.put(id, user);
            var tier = user.path("user_fields").path(Provisioning.TIER_FIELD_KEY).asText("");
            if (tier.isEmpty()) {
                usersWithout++;
            } else {
                tierOf.put(id, tier);
                users.merge(tier, 1L, Long::sum);
            }
        }
        var tickets = new HashMap<String, Long>();
        long ticketsWithout = 0;
        var without = new LinkedHashSet<Long>();
        for (var ticket : list(client, governor, connectionId, "/api/v2/tickets", "tickets")) {
            if (!OPEN.contains(ticket.path("status").asText())) {
                continue;
            }
            var requester = ticket.path("requester_id").asLong();
            var tier = tierOf.get(requester);
            if (tier == null) {
                ticketsWithout++;
                without.add(requester);
            } else {
                tickets.merge(tier, 1L, Long::sum);
            }
        }
        var rows = new ArrayList<Row>();
        users.forEach((tier, count) -> rows.add(new Row(tier, names.getOrDefault(tier, tier), count, tickets.getOrDefault(tier, 0L))));
        var shown = without.stream().limit(REQUESTERS_SHOWN).map(id -> {
            var person = people.get(id);
            return new Requester(id, person == null ? "" : person.path("name").asText(""), person == null ? "" : person.path("email").asText(""));
        }).toList();
        return new Result(rows, usersWithout, ticketsWithout, shown);
    }

    private List<JsonNode> list(ZendeskClient client, Governor governor, String connectionId, String path, String key)
            throws InterruptedException {
        governor.await(WriteKind.READ, "admin-page:" + connectionId, sleeper);
        return client.listAll(path, key);
    }

    static Map<String, Object> view(Result result) {
        var view = new LinkedHashMap<String, Object>();
        view.put("tiers", result.tiers().stream().map(r -> Map.of("tier", r.tier(), "name", r.name(), "users", r.users(),
                "open_tickets", r.openTickets())).toList());
        view.put("users_without_tier", result.usersWithoutTier());
        view.put("open_tickets_without_tier", result.openTicketsWithoutTier());
        view.put("requesters_without_tier", result.requestersWithoutTier().stream()
                .map(r -> Map.of("id", r.id(), "name", r.name(), "email", r.email())).toList());
        return view;
    }
}
