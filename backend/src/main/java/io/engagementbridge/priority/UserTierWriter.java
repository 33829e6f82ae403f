package io.engagementbridge.priority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskClients;

/**
 * Puts a customer's tier, LTV, RFM segment and loyalty tier onto their Zendesk user, only when Zendesk
 * holds something else: an unchanged profile costs one read and no write. The write waits for the
 * user's own budget (5 per minute), keyed like every other writer keys that user.
 */
public final class UserTierWriter {
    private final JobPoller.Sleeper sleeper;

    public UserTierWriter(JobPoller.Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /** Reads the user. */
    public JsonNode read(ZendeskClients.Connected zendesk, long userId) throws InterruptedException {
        return GovernedCall.run(zendesk.governor(), WriteKind.READ, "user:" + userId, sleeper, () -> zendesk.client().showUser(userId));
    }

    /** Writes {@code wanted} onto {@code user} (as just read) unless it already holds it; true when it wrote. */
    public boolean write(ZendeskClients.Connected zendesk, JsonNode user, UserTierFields wanted) throws InterruptedException {
        if (UserTierFields.held(user.path("user_fields")).sameAs(wanted)) {
            return false;
        }
        var id = user.path("id").asLong();
        var change = JsonNodeFactory.instance.objectNode().set("user_fields", wanted.userFields());
        GovernedCall.run(zendesk.governor(), WriteKind.USER_WRITE, budgetKey(user), sleeper, () -> zendesk.client().updateUser(id, change));
        return true;
    }

    /** The governor's one canonical key per user: external_id, else e-mail, else the Zendesk id. */
    static String budgetKey(JsonNode user) {
        var externalId = user.path("external_id").asText("");
        if (!externalId.isBlank() && !user.path("external_id").isNull()) {
            return externalId;
        }
        var email = user.path("email").asText("");
        return !email.isBlank() && !user.path("email").isNull() ? email : "zendesk-user:" + user.path("id").asLong();
    }
}
