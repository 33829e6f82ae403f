package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Zendesk's JSON for each resource; {@code base} is the scheme and host the request came to. */
final class Renderer {
    private final ObjectMapper mapper;

    Renderer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    ObjectNode user(User user, List<Field> fields, String base) {
        var node = object();
        node.put("id", user.id());
        node.put("url", base + "/api/v2/users/" + user.id() + ".json");
        node.put("name", user.name());
        node.put("email", user.email());
        node.put("created_at", time(user.createdAt()));
        node.put("updated_at", time(user.updatedAt()));
        node.put("time_zone", user.timeZone() == null ? "UTC" : user.timeZone());
        node.put("iana_time_zone", user.timeZone() == null ? "Etc/UTC" : user.timeZone());
        node.put("phone", user.phone());
        node.put("shared_phone_number", (String) null);
        node.putNull("photo");
        node.put("locale_id", 1);
        node.put("locale", "en-US");
        if (user.organizationId() == null) {
            node.putNull("organization_id");
        } else {
            node.put("organization_id", user.organizationId());
        }
        node.put("role", user.role());
        node.put("verified", user.verified());
        node.put("external_id", user.externalId());
        node.set("tags", mapper.valueToTree(user.tags()));
        node.put("alias", user.alias());
        node.put("active", user.active());
        node.put("shared", false);
        node.put("shared_agent", false);
        node.put("notes", user.notes());
        node.put("details", user.details());
        node.put("suspended", false);
        node.put("default_group_id", (Long) null);
        var values = node.putObject("user_fields");
        for (var field : fields) {
            values.set(field.key(), mapper.valueToTree(fieldValue(field, user.userFields().get(field.key()))));
        }
        return node;
    }

    /** How a stored value reads back: unset checkbox false, dates at midnight UTC. */
    static Object fieldValue(Field field, Object value) {
        if (value == null) {
            return field.type().equals("checkbox") ? Boolean.FALSE : null;
        }
        if (field.type().equals("date")) {
            return value + "T00:00:00+00:00";
        }
        return value;
    }

    ObjectNode identity(Identity identity, String base) {
        var node = object();
        node.put("url", base + "/api/v2/users/" + identity.userId() + "/identities/" + identity.id() + ".json");
        node.put("id", identity.id());
        node.put("user_id", identity.userId());
        node.put("type", identity.type());
        node.put("value", identity.value());
        node.put("verified", identity.verified());
        node.put("primary", identity.primary());
        node.put("created_at", time(identity.createdAt()));
        node.put("updated_at", time(identity.updatedAt()));
        node.put("undeliverable_count", 0);
        node.put("deliverable_state", "deliverable");
        return node;
    }

    ObjectNode field(Field field, String plural, String base) {
        var node = object();
        node.put("url", base + "/api/v2/" + plural + "/" + field.id() + ".json");
        node.put("id", field.id());
        if (field.key() != null) {
            node.put("key", field.key());
        }
        node.put("type", field.type());
        node.put("title", field.title());
        node.put("raw_title", field.title());
        node.put("description", field.description());
        node.put("raw_description", field.description());
        node.put("position", field.position());
        node.put("active", field.active());
        node.put("system", false);
        node.put("regexp_for_validation", field.regexp());
        node.put("tag", field.tag());
        node.put("created_at", time(field.createdAt()));
        node.put("updated_at", time(field.updatedAt()));
        if (!field.options().isEmpty()) {
            var options = node.putArray("custom_field_options");
            for (var option : field.options()) {
                options.addObject().put("id", option.id()).put("name", option.name()).put("raw_name", option.name())
                        .put("value", option.value());
            }
        }
        return node;
    }

    ObjectNode job(JobStatus job, String base) {
        var node = object();
        node.put("id", job.id());
        node.put("url", base + "/api/v2/job_statuses/" + job.id() + ".json");
        node.put("total", job.total());
        if (job.progress() == null) {
            node.putNull("progress");
        } else {
            node.put("progress", job.progress());
        }
        node.put("status", job.status());
        node.put("message", job.message());
        node.put("job_type", job.jobType());
        if (job.status().equals("completed")) {
            node.set("results", mapper.valueToTree(job.results()));
        } else {
            node.putNull("results");
        }
        return node;
    }

    ObjectNode list(String name, List<? extends JsonNode> items) {
        var node = object();
        node.putArray(name).addAll(items);
        node.putNull("next_page");
        node.putNull("previous_page");
        node.put("count", items.size());
        return node;
    }

    ObjectNode wrap(String name, JsonNode item) {
        var node = object();
        node.set(name, item);
        return node;
    }

    ObjectNode map(Map<String, ?> values) {
        return mapper.valueToTree(values);
    }

    ObjectNode ticket(Ticket ticket, List<Field> fields, String base) {
        var node = object();
        node.put("url", base + "/api/v2/tickets/" + ticket.id() + ".json");
        node.put("id", ticket.id());
        node.put("external_id", ticket.externalId());
        node.putObject("via").put("channel", "api");
        node.put("created_at", time(ticket.createdAt()));
        node.put("updated_at", time(ticket.updatedAt()));
        node.put("type", ticket.type());
        node.put("subject", ticket.subject());
        node.put("raw_subject", ticket.subject());
        node.put("description", ticket.description());
        node.put("priority", ticket.priority());
        node.put("status", ticket.status());
        node.put("requester_id", ticket.requesterId());
        node.put("submitter_id", ticket.requesterId());
        node.putNull("assignee_id");
        if (ticket.organizationId() == null) {
            node.putNull("organization_id");
        } else {
            node.put("organization_id", ticket.organizationId());
        }
        node.putNull("group_id");
        node.set("tags", mapper.valueToTree(ticket.tags()));
        var custom = node.putArray("custom_fields");
        for (var field : fields) {
            custom.addObject().put("id", field.id()).set("value", mapper.valueToTree(fieldValue(field, ticket.customFields().get(field.id()))));
        }
        node.set("fields", custom.deepCopy());
        node.put("is_public", true);
        if (ticket.rating() != null) {
            node.putObject("satisfaction_rating").put("id", ticket.rating().id()).put("score", ticket.rating().score())
                    .put("comment", ticket.rating().comment()).put("updated_at", time(ticket.rating().at()));
        }
        return node;
    }

    ObjectNode trigger(Trigger trigger, String base) {
        var node = object();
        node.put("url", base + "/api/v2/triggers/" + trigger.id() + ".json");
        node.put("id", trigger.id());
        node.put("title", trigger.title());
        node.put("active", trigger.active());
        node.put("position", trigger.position());
        node.put("description", trigger.description());
        node.set("conditions", trigger.conditions());
        node.set("actions", trigger.actions());
        node.put("created_at", time(trigger.createdAt()));
        node.put("updated_at", time(trigger.updatedAt()));
        return node;
    }

    /** A webhook as the API shows it: never its signing secret, and authentication without its credentials. */
    ObjectNode webhook(Webhook webhook) {
        var node = object();
        node.put("id", webhook.id());
        node.put("name", webhook.name());
        node.put("status", webhook.status());
        node.put("endpoint", webhook.endpoint());
        node.put("http_method", webhook.httpMethod());
        node.put("request_format", webhook.requestFormat());
        node.set("subscriptions", mapper.valueToTree(webhook.subscriptions()));
        if (webhook.authentication() != null && webhook.authentication().isObject()) {
            node.putObject("authentication").put("type", webhook.authentication().path("type").asText())
                    .put("add_position", webhook.authentication().path("add_position").asText("header"));
        }
        node.put("created_at", time(webhook.createdAt()));
        node.put("updated_at", time(webhook.updatedAt()));
        return node;
    }

    ObjectNode invocation(WebhookInvocation invocation) {
        var node = object();
        node.put("id", invocation.id());
        node.put("webhook_id", invocation.webhookId());
        var last = invocation.attempts().isEmpty() ? null : invocation.attempts().get(invocation.attempts().size() - 1);
        node.putObject("latest_completed_attempt").put("status", invocation.status())
                .put("status_code", last == null ? 0 : last.statusCode())
                .put("completed_at", last == null ? null : time(last.at()));
        return node;
    }

    ObjectNode view(View view, String base) {
        var node = object();
        node.put("url", base + "/api/v2/views/" + view.id() + ".json");
        node.put("id", view.id());
        node.put("title", view.title());
        node.put("active", view.active());
        node.put("position", view.position());
        node.set("conditions", view.conditions());
        node.set("execution", view.execution());
        node.put("created_at", time(view.createdAt()));
        node.put("updated_at", time(view.updatedAt()));
        return node;
    }

    ObjectNode organization(Organization org, List<Field> fields, String base) {
        var node = object();
        node.put("url", base + "/api/v2/organizations/" + org.id() + ".json");
        node.put("id", org.id());
        node.put("name", org.name());
        node.put("shared_tickets", false);
        node.put("shared_comments", false);
        node.put("external_id", org.externalId());
        node.put("created_at", time(org.createdAt()));
        node.put("updated_at", time(org.updatedAt()));
        node.set("domain_names", mapper.valueToTree(org.domainNames()));
        node.put("details", org.details());
        node.put("notes", org.notes());
        node.putNull("group_id");
        node.set("tags", mapper.valueToTree(org.tags()));
        var values = node.putObject("organization_fields");
        for (var field : fields) {
            values.set(field.key(), mapper.valueToTree(fieldValue(field, org.organizationFields().get(field.key()))));
        }
        return node;
    }

    ObjectNode membership(Membership membership, String organizationName, String base) {
        var node = object();
        node.put("url", base + "/api/v2/organization_memberships/" + membership.id() + ".json");
        node.put("id", membership.id());
        node.put("user_id", membership.userId());
        node.put("organization_id", membership.organizationId());
        node.put("default", membership.isDefault());
        node.put("organization_name", organizationName);
        node.put("view_tickets", false);
        node.put("created_at", time(membership.createdAt()));
        node.put("updated_at", time(membership.updatedAt()));
        return node;
    }

    ObjectNode profileEvent(ProfileEvent event) {
        var node = object();
        node.put("id", event.id());
        node.put("user_id", String.valueOf(event.userId()));
        node.put("profile_id", event.profileId());
        node.put("source", event.source());
        node.put("type", event.type());
        node.put("description", event.description());
        node.set("properties", event.properties());
        node.put("created_at", time(event.createdAt()));
        node.put("received_at", time(event.receivedAt()));
        return node;
    }

    ObjectNode ticketEvent(TicketDesk.TicketEvent event, long updaterId) {
        var node = object();
        node.put("id", event.id());
        node.put("ticket_id", event.ticketId());
        node.put("timestamp", event.at().getEpochSecond());
        node.put("created_at", time(event.at()));
        node.put("updater_id", updaterId);
        node.put("via", "Web Service");
        node.put("event_type", event.eventType().equals("SatisfactionRating") ? "Change" : event.eventType());
        var child = node.putArray("child_events").addObject();
        child.put("id", event.id());
        child.put("via", "Web Service");
        child.put("event_type", event.eventType());
        event.changes().forEach((key, value) -> child.set(key, mapper.valueToTree(value)));
        return node;
    }

    ObjectNode satisfactionRating(TicketDesk.TicketEvent event, Ticket ticket, String base) {
        var node = object();
        node.put("url", base + "/api/v2/satisfaction_ratings/" + event.id() + ".json");
        node.put("id", event.id());
        node.putNull("assignee_id");
        node.putNull("group_id");
        node.put("requester_id", ticket.requesterId());
        node.put("ticket_id", ticket.id());
        node.put("score", String.valueOf(event.changes().get("score")));
        node.put("comment", (String) event.changes().get("comment"));
        node.put("created_at", time(event.at()));
        node.put("updated_at", time(event.at()));
        return node;
    }
}
