package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.access.ZendeskJwt;
import io.engagementbridge.profile.CustomerProfile;

import java.util.Optional;

/**
 * Told when the sidebar found a requester's profile, with the Zendesk user id the iframe sent; the write side
 * keeps that user's tier fields current from it. Called on the request's path: it must return at once.
 */
@FunctionalInterface
public interface ProfileShown {
    ProfileShown NONE = (caller, zendeskUserId, profile, settings) -> { };

    /**
     * {@code caller} is the request's ZAF JWT (naming the installation) as the access layer verified it, empty when the backend
     * verifies none; {@code settings} as the iframe sent them.
     */
    void shown(Optional<ZendeskJwt.Verified> caller, long zendeskUserId, CustomerProfile profile, JsonNode settings);
}
