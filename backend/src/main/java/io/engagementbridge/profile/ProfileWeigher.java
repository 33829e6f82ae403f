package io.engagementbridge.profile;

import com.github.benmanes.caffeine.cache.Weigher;

/**
 * The approximate heap bytes of one cache entry: a fixed overhead, the customer identifier's text
 * and the stored (deflated) JSON of the profile's field labels and values. With the overhead below
 * the estimate comes out slightly above what the benchmark measures on the heap (README, Benchmark).
 */
final class ProfileWeigher implements Weigher<ProfileKey, StoredLookup> {
    /** Cache node and hash-table slot, future, key, identifier, stored lookup, instant, and string and array headers. */
    static final int ENTRY_OVERHEAD = 400;
    /** A recent event kept as Jackson objects: record, instant, node tree; its properties' text counted twice for the tree. */
    static final int INTERACTION_OVERHEAD = 300;

    private final int minimum;

    /** {@code minimum} is the least weight any entry gets. */
    ProfileWeigher(int minimum) {
        this.minimum = minimum;
    }

    @Override
    public int weigh(ProfileKey key, StoredLookup stored) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(minimum, bytes(key, stored)));
    }

    static long bytes(ProfileKey key, StoredLookup stored) {
        return ENTRY_OVERHEAD + key.customerId().name().length() + key.customerId().value().length()
                + (stored.missing() ? 0 : stored.fields().length)
                + stored.interactions().items().stream().mapToLong(event -> INTERACTION_OVERHEAD + 2L * event.properties().toString().length()).sum();
    }
}
