package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskClient;
import io.engagementbridge.zendesk.ZendeskClients;
import io.engagementbridge.zendesk.ZendeskException;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an import would do, without storing or writing anything: per row, the field-level changes against
 * the values Zendesk holds now (read with show_many and search), the users it would create, and the rows
 * that would fail, with the reason.
 */
public final class ImportDryRun {
    private static final Set<String> NOT_COMPARED = Set.of("external_id", "skip_verify_email", "verified");

    public enum Outcome {
        WOULD_CREATE, WOULD_UPDATE, UNCHANGED, WOULD_FAIL;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One row's planned outcome; {@code changes} read like {@code user_fields.ltv: 10 → 12.5}. */
    public record Planned(int row, String user, Outcome outcome, List<String> changes, String reason, String fix) {
        public String describe() {
            var head = "row " + row + " (" + user + "): " + outcome.column().replace('_', ' ');
            return switch (outcome) {
                case WOULD_FAIL -> head + ": " + reason + (fix == null ? "" : " — " + fix);
                case UNCHANGED -> head;
                default -> head + (changes.isEmpty() ? "" : ": " + String.join("; ", changes));
            };
        }
    }

    private final CdpConnections connections;
    private final ImportRows rows;
    private final ImportUsers users;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ImportDryRun(ConnectionRepository repository, ZendeskClients clients, ZendeskOAuthConfig operatorClient, ObjectMapper mapper, Clock clock,
                        JobPoller.Sleeper sleeper) {
        this.connections = new CdpConnections(repository, clients, operatorClient, sleeper);
        this.rows = new ImportRows(mapper);
        this.users = new ImportUsers(mapper);
        this.mapper = mapper;
        this.clock = clock;
    }

    public List<Planned> plan(String connectionId, String source, byte[] input, String format, String audience) throws InterruptedException {
        var target = connections.target(connectionId)
                .orElseThrow(() -> new IllegalArgumentException("connection " + connectionId + " does not exist: list them with 'connections list'"));
        var parsedFormat = ImportRows.Format.of(format);
        if (parsedFormat == null) {
            throw new IllegalArgumentException("cannot tell the format of " + source + ": use a .csv or .ndjson file");
        }
        List<ImportRows.Row> parsed;
        try {
            parsed = rows.read(input, parsedFormat, audience, target.settings(), clock.instant());
        } catch (ImportRows.Unreadable e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        List<JsonNode> fields;
        try {
            target.await(WriteKind.READ, "fields");
            fields = target.client().listUserFields();
        } catch (ZendeskException e) {
            throw new ImportRunner.CannotRun("Zendesk refused to list the user fields: " + e.failure().hint());
        }
        var ready = new HashMap<Integer, ImportUsers.Ready>();
        var planned = new ArrayList<Planned>();
        for (var row : parsed) {
            if (row.problem() != null) {
                continue;
            }
            var converted = users.convert(row.number(), row.message().toString(), target.settings(), fields, clock.instant());
            if (converted instanceof ImportUsers.Ready r) {
                ready.put(row.number(), r);
            }
        }
        var current = current(target, ready.values().stream().toList());
        for (var row : parsed) {
            var who = row.userKey() == null ? row.message().path("traits").path("email").asText(row.message().path("userId").asText(""))
                    : row.userKey().substring(row.userKey().indexOf(':') + 1);
            if (row.problem() != null) {
                planned.add(new Planned(row.number(), who, Outcome.WOULD_FAIL, List.of(), row.problem(), ImportUsers.SEND_FIX));
                continue;
            }
            var r = ready.get(row.number());
            if (r == null) {
                var invalid = (ImportUsers.Invalid) users.convert(row.number(), row.message().toString(), target.settings(), fields, clock.instant());
                planned.add(new Planned(row.number(), who, Outcome.WOULD_FAIL, List.of(), invalid.reason(), invalid.fix()));
                continue;
            }
            planned.add(compare(row.number(), who, r, current.get(r.matchKey().toLowerCase(Locale.ROOT))));
        }
        return planned;
    }

    private Planned compare(int row, String who, ImportUsers.Ready ready, JsonNode existing) {
        var changes = new ArrayList<String>();
        var user = ready.user();
        if (existing == null) {
            if (!user.hasNonNull("name") || user.get("name").asText().isBlank()) {
                return new Planned(row, who, Outcome.WOULD_FAIL, List.of(), "there is no such Zendesk user yet, and a new user needs a name",
                        "add name (or firstName/lastName) to the row");
            }
            user.properties().forEach(e -> {
                if (!NOT_COMPARED.contains(e.getKey())) {
                    if (e.getValue().isObject()) {
                        e.getValue().properties().forEach(f -> changes.add(e.getKey() + "." + f.getKey() + ": " + shown(f.getValue())));
                    } else {
                        changes.add(e.getKey() + ": " + shown(e.getValue()));
                    }
                }
            });
            ImportUsers.tagsAfter(mapper.createArrayNode(), ready.tagChanges()).forEach(tag -> changes.add("tags: + " + tag));
            return new Planned(row, who, Outcome.WOULD_CREATE, changes, null, null);
        }
        user.properties().forEach(e -> {
            if (NOT_COMPARED.contains(e.getKey())) {
                return;
            }
            if (e.getKey().equals("user_fields")) {
                e.getValue().properties().forEach(f -> {
                    var now = existing.path("user_fields").path(f.getKey());
                    if (!same(now, f.getValue())) {
                        changes.add("user_fields." + f.getKey() + ": " + shown(now) + " → " + shown(f.getValue()));
                    }
                });
            } else if (!same(existing.path(e.getKey()), e.getValue())) {
                changes.add(e.getKey() + ": " + shown(existing.path(e.getKey())) + " → " + shown(e.getValue()));
            }
        });
        var before = new java.util.LinkedHashSet<String>();
        existing.path("tags").forEach(tag -> before.add(tag.asText()));
        var after = ImportUsers.tagsAfter(existing.path("tags"), ready.tagChanges());
        after.stream().filter(tag -> !before.contains(tag)).forEach(tag -> changes.add("tags: + " + tag));
        before.stream().filter(tag -> !after.contains(tag)).forEach(tag -> changes.add("tags: − " + tag));
        return new Planned(row, who, changes.isEmpty() ? Outcome.UNCHANGED : Outcome.WOULD_UPDATE, changes, null, null);
    }

    /** The Zendesk users the rows would match, by lower-cased external id or e-mail: show_many for ids, search for e-mails. */
    private Map<String, JsonNode> current(CdpConnections.Target target, List<ImportUsers.Ready> ready) throws InterruptedException {
        var found = new HashMap<String, JsonNode>();
        var externalIds = ready.stream().filter(r -> r.user().has("external_id")).map(r -> r.user().get("external_id").asText()).distinct().toList();
        for (int from = 0; from < externalIds.size(); from += ZendeskClient.MAX_BULK) {
            target.await(WriteKind.READ, "users");
            target.client().showManyUsersByExternalIds(externalIds.subList(from, Math.min(externalIds.size(), from + ZendeskClient.MAX_BULK)))
                    .forEach(u -> found.put(u.path("external_id").asText("").toLowerCase(Locale.ROOT), u));
        }
        for (var r : ready) {
            var key = r.matchKey().toLowerCase(Locale.ROOT);
            // create_or_update also matches by e-mail when the external id is new.
            if (!found.containsKey(key) && r.user().hasNonNull("email")) {
                target.await(WriteKind.READ, "users");
                target.client().searchUsersByEmail(r.user().get("email").asText()).stream().findFirst().ifPresent(u -> found.put(key, u));
            }
        }
        return found;
    }

    private static boolean same(JsonNode now, JsonNode wanted) {
        if (now.isMissingNode() || now.isNull()) {
            return wanted.isNull() || (wanted.isTextual() && wanted.asText().isEmpty());
        }
        if (now.isNumber() || wanted.isNumber()) {
            try {
                return new BigDecimal(now.asText()).compareTo(new BigDecimal(wanted.asText())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (now.isValueNode() && wanted.isValueNode()) {
            return now.asText().equalsIgnoreCase(wanted.asText()) && (now.asText().equals(wanted.asText()) || now.isTextual() && looksLikeEmail(now.asText()));
        }
        return now.equals(wanted);
    }

    private static boolean looksLikeEmail(String text) {
        return text.contains("@");
    }

    private static String shown(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "(empty)";
        }
        return value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
    }
}
