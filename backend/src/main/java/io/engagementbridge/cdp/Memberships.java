package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code traits.company} ({@code {id, name, remove}}, or a list of them): organisation memberships added
 * or removed one by one, every one of them (a user's organization_id would keep only one). Organisations
 * are matched by external_id and created when missing. Returns notes on what an admin should know.
 */
final class Memberships {
    private final ObjectMapper mapper;

    Memberships(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<String> apply(CdpConnections.Target zendesk, long userId, List<JsonNode> companies) throws InterruptedException {
        var notes = new ArrayList<String>();
        for (var company : companies) {
            var externalId = company.path("id").asText();
            var remove = company.path("remove").asBoolean(false);
            try {
                var organization = find(zendesk, externalId);
                if (organization.isEmpty() && remove) {
                    notes.add("no Zendesk organisation has external_id " + externalId + ": there was no membership to remove");
                    continue;
                }
                var orgId = organization.isPresent() ? organization.get().path("id").asLong() : create(zendesk, externalId, company);
                var current = memberships(zendesk, userId);
                var mine = current.stream().filter(m -> m.path("organization_id").asLong() == orgId).findFirst();
                if (!remove && mine.isEmpty()) {
                    zendesk.await(WriteKind.OTHER_WRITE, "membership");
                    var body = mapper.createObjectNode();
                    body.putObject("organization_membership").put("organization_id", orgId);
                    zendesk.client().send(ZendeskRequest.post("/api/v2/users/" + userId + "/organization_memberships", body));
                } else if (remove && mine.isPresent()) {
                    zendesk.await(WriteKind.OTHER_WRITE, "membership");
                    zendesk.client().send(ZendeskRequest.delete("/api/v2/users/" + userId + "/organization_memberships/" + mine.get().path("id").asLong()));
                    if (mine.get().path("default").asBoolean(false)) {
                        notes.add(current.size() == 1
                                ? "organisation " + externalId + " was the user's last organisation: the user now belongs to none"
                                : "organisation " + externalId + " was the user's default organisation: Zendesk made another of the user's organisations the default");
                    }
                }
            } catch (ZendeskException e) {
                if (e.failure().retryable()) {
                    throw e;
                }
                notes.add("membership of organisation " + externalId + " not changed: " + e.failure().summary() + ": " + e.failure().hint());
            }
        }
        return notes;
    }

    private Optional<JsonNode> find(CdpConnections.Target zendesk, String externalId) throws InterruptedException {
        zendesk.await(WriteKind.READ, "organizations");
        var found = zendesk.client().send(ZendeskRequest.get("/api/v2/organizations/search", Map.of("external_id", externalId))).body();
        var list = new ArrayList<JsonNode>();
        found.path("organizations").forEach(list::add);
        return list.stream().filter(org -> org.path("external_id").asText().equalsIgnoreCase(externalId)).findFirst();
    }

    private long create(CdpConnections.Target zendesk, String externalId, JsonNode company) throws InterruptedException {
        zendesk.await(WriteKind.ORGANIZATION_WRITE, externalId);
        var body = mapper.createObjectNode();
        body.putObject("organization").put("external_id", externalId).put("name", company.path("name").asText(externalId));
        return zendesk.client().send(ZendeskRequest.post("/api/v2/organizations/create_or_update", body)).body().path("organization").path("id").asLong();
    }

    private List<JsonNode> memberships(CdpConnections.Target zendesk, long userId) throws InterruptedException {
        zendesk.await(WriteKind.READ, "memberships");
        var list = new ArrayList<JsonNode>();
        zendesk.client().send(ZendeskRequest.get("/api/v2/users/" + userId + "/organization_memberships")).body()
                .path("organization_memberships").forEach(list::add);
        return list;
    }
}
