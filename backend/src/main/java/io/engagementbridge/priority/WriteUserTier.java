package io.engagementbridge.priority;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.ConnectedZendesk;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;

/**
 * The work item that puts a customer's tier fields onto their Zendesk user (see {@link UserTierWriter}):
 * enqueued by {@link UserTierSync} whenever the bridge loads a profile. A user deleted meanwhile is
 * nothing to do.
 */
public final class WriteUserTier implements WorkHandler {
    public static final String KIND = "zendesk_user_tier";

    /** The payload: which user, and the values to give them. */
    record Payload(@JsonProperty("user_id") long userId, @JsonProperty("fields") UserTierFields fields) {
    }

    private final ConnectedZendesk zendesk;
    private final UserTierWriter writer;
    private final ObjectMapper mapper;

    public WriteUserTier(ConnectedZendesk zendesk, UserTierWriter writer, ObjectMapper mapper) {
        this.zendesk = zendesk;
        this.writer = writer;
        this.mapper = mapper;
    }

    /** Ordered per Zendesk user ({@code user:<id>}); {@code idempotencyKey} tells one profile load from another. */
    static NewWork work(ObjectMapper mapper, String connectionId, long userId, UserTierFields fields, String idempotencyKey) {
        try {
            return new NewWork(connectionId, KIND, "user:" + userId, mapper.writeValueAsString(new Payload(userId, fields)), idempotencyKey);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tier fields are always serialisable", e);
        }
    }

    @Override
    public Outcome handle(WorkItem item) throws Exception {
        var payload = mapper.readValue(item.payload(), Payload.class);
        var account = zendesk.find(item.connectionId());
        if (account.isEmpty()) {
            return Outcome.connectionRemoved();
        }
        try {
            var user = writer.read(account.get().zendesk(), payload.userId());
            writer.write(account.get().zendesk(), user, payload.fields());
            return Outcome.DONE;
        } catch (ZendeskException e) {
            if (e.failure() instanceof ZendeskFailure.NotFound) {
                return Outcome.DONE;
            }
            return Outcome.of(e.failure());
        }
    }
}
