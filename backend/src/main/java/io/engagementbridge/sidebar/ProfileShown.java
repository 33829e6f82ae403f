package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.profile.CustomerProfile;

/**
 * Told when the sidebar found a requester's profile, with the Zendesk user id the iframe sent; the write side
 * keeps that user's tier fields current from it. Called on the request's path: it must return at once.
 */
@FunctionalInterface
public interface ProfileShown {
    ProfileShown NONE = (authorization, zendeskUserId, profile, settings) -> { };

    /** {@code authorization} is the request's Authorization header (the ZAF JWT naming the installation); {@code settings} as the iframe sent them. */
    void shown(String authorization, long zendeskUserId, CustomerProfile profile, JsonNode settings);
}
