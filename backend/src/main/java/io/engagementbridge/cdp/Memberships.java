package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.JobStatus;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskRequest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code traits.company} ({@code {id, name, remove}}, or a list of them, from one message or several folded
 * together): organisation memberships added or removed, every one of them (a user's organization_id would
 * keep only one). Organisations are matched by external_id and created when missing. The changes are
 * taken in message order to their net effect against the user's current memberships; two or more adds
 * (or removes) go to Zendesk as one {@code create_many} (or {@code destroy_many}) job, polled to its end,
 * a single one as a plain call. Returns notes on what an admin should know (a default or last
 * organisation removed, a membership Zendesk refused).
 */
final class Memberships {
    static final int BULK_FROM = 2;
    private static final int MAX_PER_JOB = 100;
    private static final Duration JOB_PATIENCE = Duration.ofMinutes(2);

    private final ObjectMapper mapper;
    private final Clock clock;

    Memberships(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    List<String> apply(CdpConnections.Target zendesk, long userId, List<JsonNode> companies) throws InterruptedException {
        var notes = new ArrayList<String>();
        var current = memberships(zendesk, userId);
        var wanted = new LinkedHashMap<Long, Boolean>();
        var names = new LinkedHashMap<Long, String>();
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
                wanted.put(orgId, !remove);
                names.put(orgId, externalId);
            } catch (ZendeskException e) {
                if (e.failure().retryable()) {
                    throw e;
                }
                notes.add("membership of organisation " + externalId + " not changed: " + e.failure().summary() + ": " + e.failure().hint());
            }
        }
        var held = current.stream().collect(Collectors.toMap(m -> m.path("organization_id").asLong(), m -> m, (a, b) -> a, LinkedHashMap::new));
        var adds = wanted.entrySet().stream().filter(e -> e.getValue() && !held.containsKey(e.getKey())).map(Map.Entry::getKey).toList();
        var removes = wanted.entrySet().stream().filter(e -> !e.getValue() && held.containsKey(e.getKey())).map(e -> held.get(e.getKey())).toList();
        notes.addAll(add(zendesk, userId, adds, names));
        notes.addAll(remove(zendesk, removes, names));
        var removedDefault = removes.stream().filter(m -> m.path("default").asBoolean(false)).findFirst();
        if (removedDefault.isPresent()) {
            var name = names.get(removedDefault.get().path("organization_id").asLong());
            notes.add(current.size() - removes.size() + adds.size() == 0
                    ? "organisation " + name + " was the user's last organisation: the user now belongs to none"
                    : "organisation " + name + " was the user's default organisation: Zendesk made another of the user's organisations the default");
        }
        return notes;
    }

    private List<String> add(CdpConnections.Target zendesk, long userId, List<Long> orgIds, Map<Long, String> names) throws InterruptedException {
        if (orgIds.size() < BULK_FROM) {
            for (var orgId : orgIds) {
                try {
                    zendesk.await(WriteKind.OTHER_WRITE, "membership");
                    var body = mapper.createObjectNode();
                    body.putObject("organization_membership").put("organization_id", orgId);
                    zendesk.client().send(ZendeskRequest.post("/api/v2/users/" + userId + "/organization_memberships", body));
                } catch (ZendeskException e) {
                    if (e.failure().retryable()) {
                        throw e;
                    }
                    return List.of("membership of organisation " + names.get(orgId) + " not added: " + e.failure().summary() + ": " + e.failure().hint());
                }
            }
            return List.of();
        }
        var notes = new ArrayList<String>();
        for (int from = 0; from < orgIds.size(); from += MAX_PER_JOB) {
            var part = orgIds.subList(from, Math.min(orgIds.size(), from + MAX_PER_JOB));
            var body = mapper.createObjectNode();
            var list = body.putArray("organization_memberships");
            part.forEach(orgId -> list.addObject().put("user_id", userId).put("organization_id", orgId));
            var job = job(zendesk, ZendeskRequest.post("/api/v2/organization_memberships/create_many", body));
            notes.addAll(failures(job, part.stream().map(names::get).toList(), "added"));
        }
        return notes;
    }

    private List<String> remove(CdpConnections.Target zendesk, List<JsonNode> memberships, Map<Long, String> names) throws InterruptedException {
        if (memberships.size() < BULK_FROM) {
            for (var membership : memberships) {
                zendesk.await(WriteKind.OTHER_WRITE, "membership");
                zendesk.client().send(ZendeskRequest.delete("/api/v2/users/" + membership.path("user_id").asLong() + "/organization_memberships/"
                        + membership.path("id").asLong()));
            }
            return List.of();
        }
        var notes = new ArrayList<String>();
        for (int from = 0; from < memberships.size(); from += MAX_PER_JOB) {
            var part = memberships.subList(from, Math.min(memberships.size(), from + MAX_PER_JOB));
            var ids = part.stream().map(m -> String.valueOf(m.path("id").asLong())).collect(Collectors.joining(","));
            var job = job(zendesk, new ZendeskRequest("DELETE", "/api/v2/organization_memberships/destroy_many", Map.of("ids", ids), null, Map.of()));
            notes.addAll(failures(job, part.stream().map(m -> names.get(m.path("organization_id").asLong())).toList(), "removed"));
        }
        return notes;
    }

    /** Starts a bulk job within the account's job budget and polls it to its end; its slot is given back either way. */
    private Optional<JobStatus> job(CdpConnections.Target zendesk, ZendeskRequest request) throws InterruptedException {
        var permit = zendesk.governor().await(WriteKind.BULK_JOB, "memberships:" + UUID.randomUUID(), zendesk.sleeper());
        try {
            var id = zendesk.client().send(request).body().path("job_status").path("id").asText();
            return Optional.ofNullable(new JobPoller(zendesk.client(), zendesk.governor(), clock, zendesk.sleeper()).await(List.of(id), JOB_PATIENCE)
                    .get(id)).filter(JobStatus::finished);
        } finally {
            zendesk.governor().release(permit);
        }
    }

    /** Notes for the rows of a job that failed, or for all of them when the job did not finish in time. */
    private static List<String> failures(Optional<JobStatus> job, List<String> organisations, String what) {
        if (job.isEmpty()) {
            return List.of("memberships of " + String.join(", ", organisations) + " may not be " + what
                    + ": Zendesk's job did not finish within " + JOB_PATIENCE.toMinutes() + " minutes; send the message again to check");
        }
        var notes = new ArrayList<String>();
        var results = job.get().results();
        for (int i = 0; i < results.size() && i < organisations.size(); i++) {
            var result = results.get(i);
            if (Boolean.FALSE.equals(result.success())) {
                notes.add("membership of organisation " + organisations.get(i) + " not " + what + ": "
                        + (result.details() != null ? result.details() : result.error()));
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
