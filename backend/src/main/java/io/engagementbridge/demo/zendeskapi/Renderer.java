package io.engagementbridge.demo.zendeskapi;

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

    ObjectNode list(String name, List<? extends com.fasterxml.jackson.databind.JsonNode> items) {
        var node = object();
        node.putArray(name).addAll(items);
        node.putNull("next_page");
        node.putNull("previous_page");
        node.put("count", items.size());
        return node;
    }

    ObjectNode wrap(String name, com.fasterxml.jackson.databind.JsonNode item) {
        var node = object();
        node.set(name, item);
        return node;
    }

    ObjectNode map(Map<String, ?> values) {
        return mapper.valueToTree(values);
    }
}
