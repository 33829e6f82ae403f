package io.engagementbridge.priority;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.engagementbridge.profile.CustomerProfile;
import io.engagementbridge.work.WorkRepository;

import java.time.Clock;
import java.time.Duration;

/**
 * The one entry point for "the bridge has loaded this Zendesk user's profile" (sidebar open, ticket
 * webhook, CDP sync): enqueues a {@link WriteUserTier} item, which writes the user's tier fields only if
 * Zendesk holds other values. The same values for the same user within {@link #REMEMBER} are enqueued
 * once, so agents opening a ticket again and again add no work.
 */
public final class UserTierSync {
    static final Duration REMEMBER = Duration.ofMinutes(10);

    private final WorkRepository work;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Runnable enqueued;
    private final Cache<String, UserTierFields> lastEnqueued = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(REMEMBER).build();

    /** {@code enqueued} runs after a new item is stored (the composition root wakes the workers with it). */
    public UserTierSync(WorkRepository work, ObjectMapper mapper, Clock clock, Runnable enqueued) {
        this.work = work;
        this.mapper = mapper;
        this.clock = clock;
        this.enqueued = enqueued;
    }

    /** True when work was stored; false when the same values were already on their way for this user. */
    public boolean profileLoaded(String connectionId, long zendeskUserId, CustomerProfile profile, TierRules rules) {
        var roles = CustomerRoles.of(profile);
        var fields = rules.evaluate(roles).map(match -> UserTierFields.of(match, roles))
                .orElseGet(() -> new UserTierFields(null, roles.ltv(), roles.rfm(), roles.loyalty()));
        var user = connectionId + ":" + zendeskUserId;
        var previous = lastEnqueued.getIfPresent(user);
        if (previous != null && previous.sameAs(fields)) {
            return false;
        }
        var idempotencyKey = "user-tier:" + zendeskUserId + ":" + profile.fetchedAt().toEpochMilli() + ":" + Integer.toHexString(fields.hashCode());
        var stored = work.enqueue(WriteUserTier.work(mapper, connectionId, zendeskUserId, fields, idempotencyKey), clock.instant());
        lastEnqueued.put(user, fields);
        if (stored) {
            enqueued.run();
        }
        return stored;
    }
}
