package io.engagementbridge.profile;

import java.util.Objects;

/**
 * A cache key: the request's partition plus one customer identifier. It carries the request so a
 * background refresh can reload it, but equality looks only at the partition and the identifier.
 */
public final class ProfileKey {
    private final ProfileRequest request;
    private final CustomerId customerId;

    public ProfileKey(ProfileRequest request, CustomerId customerId) {
        this.request = request;
        this.customerId = customerId;
    }

    public ProfileRequest request() {
        return request;
    }

    public CustomerId customerId() {
        return customerId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProfileKey key
                && key.request.partition().equals(request.partition())
                && key.customerId.equals(customerId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request.partition(), customerId);
    }

    @Override
    public String toString() {
        return "ProfileKey[" + request.partition().substring(0, 12) + "…, " + customerId.name() + "]";
    }
}
