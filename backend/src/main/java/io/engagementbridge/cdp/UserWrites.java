package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.observability.Metrics;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;
import io.engagementbridge.zendesk.Decision;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes to one Zendesk user ({@code identify}, audience changes). When the user's write budget (5 a
 * minute) allows a write, every write pending for that user right behind this one is folded into it:
 * the latest value per field by message time wins, a value older than one already written is skipped, a
 * message older than the retention's purged horizon is refused, and each message's outcome (written with
 * notes, or failed with the fix) is logged.
 */
final class UserWrites implements WorkHandler {
    private static final int MAX_FOLDED = 500;
    /** The longest wait for a permit spent inside the handler instead of as a retry. */
    static final Duration MOMENT = Duration.ofSeconds(2);

    private final CdpConnections connections;
    private final WorkRepository work;
    private final MessageLog log;
    private final FieldCatalog fields;
    private final Memberships memberships;
    private final MissingFields missingFields;
    private final ObjectMapper mapper;
    private final Metrics metrics;
    private final Clock clock;
    private final String workerId;
    private final Duration lease;
    private final JobPoller.Sleeper sleeper;

    UserWrites(CdpConnections connections, WorkRepository work, MessageLog log, FieldCatalog fields, ObjectMapper mapper, Metrics metrics,
               Clock clock, String workerId, Duration lease, JobPoller.Sleeper sleeper) {
        this.connections = connections;
        this.work = work;
        this.log = log;
        this.fields = fields;
        this.memberships = new Memberships(mapper, clock);
        this.missingFields = new MissingFields(fields, mapper);
        this.mapper = mapper;
        this.metrics = metrics;
        this.clock = clock;
        this.workerId = workerId;
        this.lease = lease;
        this.sleeper = sleeper;
    }

    @Override
    public Outcome handle(WorkItem item) throws IOException, InterruptedException {
        var head = SegmentMessages.stored(mapper.readTree(item.payload()), item.createdAt());
        var target = connections.target(item.connectionId());
        if (target.isEmpty()) {
            finish(item.connectionId(), List.of(item), MessageStatus.FAILED, Outcome.CONNECTION_REMOVED);
            return Outcome.connectionRemoved();
        }
        var zendesk = target.get();
        var decision = zendesk.governor().acquire(WriteKind.USER_WRITE, head.budgetKey());
        // A wait of a moment is the account's per-second budget, which a stream's bursts keep full: waited out
        // here, it costs none of the queue's attempts (used up, they gave the message up unwritten).
        while (decision instanceof Decision.Wait wait && !wait.until().isAfter(clock.instant().plus(MOMENT))) {
            var pause = Duration.between(clock.instant(), wait.until()).plusMillis(1);
            sleeper.sleep(pause.isNegative() ? Duration.ZERO : pause);
            decision = zendesk.governor().acquire(WriteKind.USER_WRITE, head.budgetKey());
        }
        if (decision instanceof Decision.Wait wait) {
            return Outcome.postpone(Duration.between(clock.instant(), wait.until()).plusMillis(1),
                    "waiting for the user's write budget (Zendesk allows 5 writes a minute per user)");
        }
        var permit = (Decision.Permit) decision;
        var followers = work.claimFollowers(item, workerId, clock.instant(), lease, MAX_FOLDED);
        var batch = new ArrayList<WorkItem>();
        batch.add(item);
        batch.addAll(followers);
        var changes = new ArrayList<UserChange>();
        var failed = new LinkedHashMap<WorkItem, String>();
        try {
            zendesk.await(WriteKind.READ, "fields");
            var userFields = fields.userFields(item.connectionId(), zendesk.client());
            var messages = new LinkedHashMap<Long, CdpMessage>();
            var horizon = log.writtenHorizon(item.connectionId());
            for (var each : batch) {
                var message = each == item ? head : SegmentMessages.stored(mapper.readTree(each.payload()), each.createdAt());
                if (horizon.isPresent() && message.sentAt().isBefore(horizon.get())) {
                    failed.put(each, beforeHorizon(message, horizon.get()));
                } else {
                    messages.put(each.id(), message);
                }
            }
            var created = zendesk.settings().createMissingFields() ? missingFields.create(zendesk, messages, userFields) : Map.<Long, List<String>>of();
            if (!created.isEmpty()) {
                zendesk.await(WriteKind.READ, "fields");
                userFields = fields.userFields(item.connectionId(), zendesk.client());
            }
            for (var each : batch) {
                var message = messages.get(each.id());
                if (message == null) {
                    continue;
                }
                var result = UserChanges.of(each.id(), message, userFields);
                if (result instanceof UserChanges.Change change) {
                    changes.add(change.change());
                } else {
                    failed.put(each, ((UserChanges.Failed) result).reason());
                }
            }
            var written = write(zendesk, permit, head, changes);
            failed.forEach((each, reason) -> finish(item.connectionId(), List.of(each), MessageStatus.FAILED, reason));
            for (var change : changes) {
                var notes = new ArrayList<>(created.getOrDefault(change.itemId(), List.of()));
                notes.addAll(change.notes());
                notes.addAll(written.notes().getOrDefault(change.itemId(), List.of()));
                // Counted before the outcome shows, so whoever reads the outcome also finds it in the metrics.
                metrics.cdpLag(Duration.between(batch.stream().filter(w -> w.id() == change.itemId()).findFirst().orElseThrow().createdAt(),
                        clock.instant()));
                metrics.cdpMessage("written");
                log.finish(item.connectionId(), change.message().messageId(), MessageStatus.WRITTEN,
                        notes.isEmpty() ? null : String.join("; ", notes), clock.instant());
            }
            completeFollowers(followers);
            return Outcome.DONE;
        } catch (ZendeskException e) {
            return failed(e.failure(), zendesk, permit, item, batch, followers);
        } catch (RuntimeException | IOException | InterruptedException e) {
            work.release(followers.stream().map(WorkItem::id).toList(), workerId, clock.instant());
            throw e;
        }
    }

    private record Written(Map<Long, List<String>> notes) {
    }

    /** Folds {@code changes} (latest value per field by message time) into one create-or-update, then applies memberships in order. */
    private Written write(CdpConnections.Target zendesk, Decision.Permit permit, CdpMessage head, List<UserChange> changes)
            throws InterruptedException {
        var notes = new HashMap<Long, List<String>>();
        if (changes.isEmpty()) {
            return new Written(notes);
        }
        var connectionId = zendesk.connection().id();
        var stamps = log.writtenAt(connectionId, head.userKey());
        var values = new LinkedHashMap<String, JsonNode>();
        var tags = new LinkedHashMap<String, Boolean>();
        var newStamps = new HashMap<String, Instant>();
        var ordered = changes.stream().sorted(Comparator.comparing((UserChange c) -> c.message().sentAt()).thenComparingLong(UserChange::itemId)).toList();
        for (var change : ordered) {
            var at = change.message().sentAt();
            change.attributes().forEach((attribute, value) -> {
                if (newer(stamps, attribute, at)) {
                    notes.computeIfAbsent(change.itemId(), id -> new ArrayList<>()).add(attribute + " not written: a newer message already set it");
                } else {
                    values.put(attribute, value);
                    newStamps.put(attribute, at);
                }
            });
            change.tags().forEach((tag, add) -> {
                if (!newer(stamps, "tag:" + tag, at)) {
                    tags.put(tag, add);
                    newStamps.put("tag:" + tag, at);
                }
            });
        }
        var user = mapper.createObjectNode();
        if (head.userId() != null) {
            user.put("external_id", head.userId());
        }
        var userFields = mapper.createObjectNode();
        values.forEach((attribute, value) -> {
            if (attribute.startsWith("user_fields.")) {
                userFields.set(attribute.substring("user_fields.".length()), value);
            } else {
                user.set(attribute, value);
            }
        });
        if (!userFields.isEmpty()) {
            user.set("user_fields", userFields);
        }
        if (head.userId() == null && !user.has("email")) {
            // Matched by e-mail alone, the e-mail is the user's identity even when a newer message already wrote it.
            user.put("email", head.email());
        }
        if (zendesk.settings().skipVerifyEmail()) {
            user.put("skip_verify_email", true);
        }
        if (zendesk.settings().verified()) {
            user.put("verified", true);
        }
        if (!tags.isEmpty()) {
            user.set("tags", mapper.valueToTree(tagsAfter(zendesk, head, tags)));
        }
        var upsert = zendesk.client().createOrUpdateUser(user);
        zendesk.governor().answered(permit);
        log.written(connectionId, head.userKey(), newStamps);
        // Every membership change of the folded messages, in their order, applied as one: the net effect, in bulk when there are several.
        var withCompanies = ordered.stream().filter(change -> !change.companies().isEmpty()).toList();
        if (!withCompanies.isEmpty()) {
            var companies = withCompanies.stream().flatMap(change -> change.companies().stream()).toList();
            notes.computeIfAbsent(withCompanies.get(withCompanies.size() - 1).itemId(), id -> new ArrayList<>())
                    .addAll(memberships.apply(zendesk, upsert.id(), companies));
        }
        return new Written(notes);
    }

    /**
     * Stamps older than the retention are purged, so for a message from before that horizon the guard could not tell
     * whether a newer message already set its values: refused (at the door, or here if the horizon passed it while it waited).
     */
    static String beforeHorizon(CdpMessage message, Instant horizon) {
        return "timestamp " + message.sentAt() + " is older than this connection's retention: which values newer messages wrote before "
                + horizon + " is no longer kept, so writing it could overwrite a newer value. Send the current values with a current "
                + "timestamp, or raise cdp.retention_days";
    }

    private static boolean newer(Map<String, Instant> stamps, String attribute, Instant at) {
        var written = stamps.get(attribute);
        return written != null && written.isAfter(at);
    }

    /** The user's tags with ours applied: added ones joined, and only audience tags of ours ever taken away. */
    private List<String> tagsAfter(CdpConnections.Target zendesk, CdpMessage head, Map<String, Boolean> changes) throws InterruptedException {
        zendesk.await(WriteKind.READ, "user");
        var found = head.userId() != null ? zendesk.client().searchUsersByExternalId(head.userId()) : zendesk.client().searchUsersByEmail(head.email());
        var tags = new LinkedHashSet<String>();
        if (!found.isEmpty()) {
            found.get(0).path("tags").forEach(tag -> tags.add(tag.asText()));
        }
        changes.forEach((tag, add) -> {
            if (add) {
                tags.add(tag);
            } else if (tag.startsWith(UserChanges.AUDIENCE_TAG_PREFIX)) {
                tags.remove(tag);
            }
        });
        return List.copyOf(tags);
    }

    private Outcome failed(ZendeskFailure failure, CdpConnections.Target zendesk, Decision.Permit permit, WorkItem item, List<WorkItem> batch,
                           List<WorkItem> followers) throws InterruptedException {
        var now = clock.instant();
        if (failure instanceof ZendeskFailure.RateLimited limited) {
            zendesk.governor().throttled(permit, limited.retryAfter());
            work.release(followers.stream().map(WorkItem::id).toList(), workerId, now);
            return Outcome.postpone(limited.retryAfter(), failure.summary());
        }
        if (failure.retryable()) {
            work.release(followers.stream().map(WorkItem::id).toList(), workerId, now);
            return Outcome.retry(failure.summary());
        }
        var reason = reason(zendesk, failure);
        finish(item.connectionId(), batch, MessageStatus.FAILED, reason);
        completeFollowers(followers);
        return switch (failure.kind()) {
            case DUPLICATE_VALUE, INVALID, BAD_REQUEST, NOT_FOUND -> Outcome.DONE;
            default -> Outcome.deadLetter(reason);
        };
    }

    private String reason(CdpConnections.Target zendesk, ZendeskFailure failure) throws InterruptedException {
        if (failure instanceof ZendeskFailure.DuplicateValue duplicate) {
            return duplicate(zendesk, duplicate);
        }
        if (failure instanceof ZendeskFailure.Invalid invalid) {
            return "Zendesk refused the user: " + invalid.errors().stream()
                    .map(error -> (error.field().isEmpty() ? "" : error.field() + ": ") + error.description()).collect(Collectors.joining("; "));
        }
        return failure.summary() + ": " + failure.hint();
    }

    /** Names the user who already holds the value, so the fix (merge, or send that user's id) is clear. */
    private String duplicate(CdpConnections.Target zendesk, ZendeskFailure.DuplicateValue duplicate) throws InterruptedException {
        var value = duplicate.value();
        var owner = "another Zendesk user";
        if (value != null && !value.isBlank()) {
            try {
                zendesk.await(WriteKind.READ, "duplicate");
                var found = value.contains("@") ? zendesk.client().searchUsersByEmail(value) : zendesk.client().searchUsersByExternalId(value);
                if (!found.isEmpty()) {
                    var other = found.get(0);
                    owner = "Zendesk user #" + other.path("id").asLong() + " (" + other.path("name").asText() + ")";
                }
            } catch (ZendeskException e) {
                // The owner stays unnamed; the message still says what clashed.
            }
        }
        return duplicate.field() + " " + (value == null ? "" : value + " ") + "already belongs to " + owner
                + ": merge the two users in Zendesk, or send that user's userId";
    }

    private void finish(String connectionId, List<WorkItem> items, MessageStatus status, String reason) {
        for (var each : items) {
            try {
                var messageId = mapper.readTree(each.payload()).path("messageId").asText();
                metrics.cdpMessage(status.column());
                log.finish(connectionId, messageId, status, reason, clock.instant());
            } catch (IOException e) {
                throw new IllegalStateException("a stored CDP message is no longer JSON", e);
            }
        }
    }

    private void completeFollowers(List<WorkItem> followers) {
        followers.forEach(follower -> work.complete(follower.id(), workerId, clock.instant()));
    }

}
