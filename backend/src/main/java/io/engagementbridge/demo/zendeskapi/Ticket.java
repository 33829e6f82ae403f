package io.engagementbridge.demo.zendeskapi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A ticket as the simulator stores it; {@code customFields} holds set values by ticket field id; {@code rating} may be null. */
public record Ticket(long id, String subject, String description, String status, String priority, String type, long requesterId,
                     Long organizationId, List<String> tags, Map<Long, Object> customFields, List<Comment> comments,
                     String externalId, Instant createdAt, Instant updatedAt, Rating rating) {

    /** A ticket comment; the first one is the description. */
    public record Comment(long id, String body, boolean isPublic, long authorId, Instant createdAt) {
    }

    /** The requester's satisfaction rating ("good" or "bad"), or null while unrated. */
    public record Rating(long id, String score, String comment, Instant at) {
    }
}
