package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.zendesk.Decision;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskRequest;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code group}: the organisation with external_id = groupId created or updated (name, domain names,
 * tags, details, organisation fields checked like user fields), or deleted with {@code traits.deleted};
 * with a {@code userId}, that user's membership too.
 */
final class GroupWrites {
    private static final Set<String> STANDARD = Set.of("name", "domain", "domains", "domain_names", "domainNames", "website", "url", "tags",
            "description", "details", "notes", "deleted");

    private final CdpOutcomes outcomes;
    private final FieldCatalog fields;
    private final Memberships memberships;
    private final ObjectMapper mapper;

    GroupWrites(CdpOutcomes outcomes, FieldCatalog fields, ObjectMapper mapper, Clock clock) {
        this.outcomes = outcomes;
        this.fields = fields;
        this.memberships = new Memberships(mapper, clock);
        this.mapper = mapper;
    }

    Outcome handle(WorkItem item, CdpMessage message, CdpConnections.Target zendesk) throws InterruptedException {
        var groupId = message.body().path("groupId").asText();
        var traits = message.body().path("traits");
        Decision.Permit permit = null;
        try {
            if (traits.path("deleted").asBoolean(false)) {
                return delete(item, message, zendesk, groupId);
            }
            var notes = new ArrayList<String>();
            var organization = mapper.createObjectNode().put("external_id", groupId);
            text(traits, "name").ifPresent(name -> organization.put("name", name));
            var domains = domains(traits);
            if (!domains.isEmpty()) {
                organization.set("domain_names", mapper.valueToTree(domains));
            }
            if (traits.path("tags").isArray()) {
                organization.set("tags", traits.get("tags"));
            }
            text(traits, "description").or(() -> text(traits, "details")).ifPresent(details -> organization.put("details", details));
            text(traits, "notes").ifPresent(notesText -> organization.put("notes", notesText));
            zendesk.await(WriteKind.READ, "fields");
            var orgFields = fields.organizationFields(item.connectionId(), zendesk.client());
            var values = mapper.createObjectNode();
            for (var entry : traits.properties()) {
                if (STANDARD.contains(entry.getKey())) {
                    continue;
                }
                var field = FieldValues.fieldFor(entry.getKey(), orgFields);
                if (field.isEmpty()) {
                    notes.add("trait " + entry.getKey() + " was not written: Zendesk has no organization field with that key; "
                            + "create one in Admin Center > People > Organization fields, or stop sending it");
                    continue;
                }
                var result = FieldValues.convert(entry.getKey(), field.get(), entry.getValue());
                if (result instanceof FieldValues.Problem problem) {
                    return outcomes.failed(item, message, problem.reason());
                }
                values.set(field.get().path("key").asText(), ((FieldValues.Fits) result).value());
            }
            if (!values.isEmpty()) {
                organization.set("organization_fields", values);
            }
            var decision = zendesk.governor().acquire(WriteKind.ORGANIZATION_WRITE, groupId);
            if (decision instanceof Decision.Wait wait) {
                return outcomes.waitFor(wait, "the organisation's write budget");
            }
            permit = (Decision.Permit) decision;
            var body = mapper.createObjectNode();
            body.set("organization", organization);
            zendesk.client().send(ZendeskRequest.post("/api/v2/organizations/create_or_update", body));
            zendesk.governor().answered(permit);
            if (message.userId() != null) {
                zendesk.await(WriteKind.READ, "user");
                var user = zendesk.client().searchUsersByExternalId(message.userId());
                if (user.isEmpty()) {
                    notes.add("no Zendesk user has external_id " + message.userId() + ": send an identify for it first, then the group again");
                } else {
                    notes.addAll(memberships.apply(zendesk, user.get(0).path("id").asLong(),
                            List.of(mapper.createObjectNode().put("id", groupId))));
                }
            }
            return outcomes.written(item, message, notes);
        } catch (ZendeskException e) {
            return outcomes.zendesk(item, message, e.failure(), zendesk.governor(), permit, "organisation");
        }
    }

    private Outcome delete(WorkItem item, CdpMessage message, CdpConnections.Target zendesk, String groupId) throws InterruptedException {
        zendesk.await(WriteKind.READ, "organizations");
        var found = zendesk.client().send(ZendeskRequest.get("/api/v2/organizations/search", Map.of("external_id", groupId))).body().path("organizations");
        if (found.isEmpty()) {
            return outcomes.written(item, message, List.of("no Zendesk organisation has external_id " + groupId + ": nothing to delete"));
        }
        zendesk.await(WriteKind.OTHER_WRITE, "organizations");
        zendesk.client().send(ZendeskRequest.delete("/api/v2/organizations/" + found.get(0).path("id").asLong()));
        return outcomes.written(item, message, List.of());
    }

    private static List<String> domains(JsonNode traits) {
        var domains = new ArrayList<String>();
        for (var name : List.of("domain_names", "domainNames", "domains")) {
            traits.path(name).forEach(domain -> domains.add(domain.asText().toLowerCase(Locale.ROOT)));
        }
        text(traits, "domain").ifPresent(domain -> domains.add(domain.toLowerCase(Locale.ROOT)));
        text(traits, "website").or(() -> text(traits, "url")).ifPresent(site -> {
            try {
                var host = URI.create(site.contains("://") ? site : "https://" + site).getHost();
                if (host != null) {
                    domains.add(host.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", ""));
                }
            } catch (IllegalArgumentException e) {
                // Not a URL: nothing to derive a domain from.
            }
        });
        return domains.stream().distinct().toList();
    }

    private static java.util.Optional<String> text(JsonNode node, String name) {
        var value = SegmentMessages.text(node, name);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.trim());
    }
}
