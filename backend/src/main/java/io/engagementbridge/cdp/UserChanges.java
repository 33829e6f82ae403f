package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@code identify} (or an audience event) into a {@link UserChange}: name from name or first
 * and last name, the standard traits to user attributes, every other trait to the user field of that
 * key if it exists (its value made to fit), audiences to a checkbox field or a tag of ours. A value
 * that cannot fit fails the whole message; a trait with no field is noted, never dropped silently.
 */
final class UserChanges {
    /** Audience tags carry this prefix: the only tags the bridge ever removes. */
    static final String AUDIENCE_TAG_PREFIX = "cdp_audience_";
    static final String AUDIENCE_FIELD_PREFIX = "audience_";
    static final Set<String> STANDARD = Set.of("name", "firstName", "first_name", "lastName", "last_name", "email", "phone", "timezone",
            "time_zone", "locale", "tags", "organizationId", "organization_id", "company", "audiences");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    sealed interface Result {
    }

    record Change(UserChange change) implements Result {
    }

    record Failed(String reason) implements Result {
    }

    private UserChanges() {
    }

    static Result of(long itemId, CdpMessage message, List<JsonNode> fields) {
        var attributes = new LinkedHashMap<String, JsonNode>();
        var tags = new LinkedHashMap<String, Boolean>();
        var companies = new ArrayList<JsonNode>();
        var notes = new ArrayList<String>();
        if (message.type().equals("track")) {
            var entered = message.event().equals(Audiences.ENTERED);
            audience(message.body().path("properties").path("audience").asText(), entered, fields, attributes, tags);
            return new Change(new UserChange(itemId, message, attributes, tags, companies, notes));
        }
        var traits = message.body().path("traits");
        if (message.email() != null) {
            attributes.put("email", JSON.textNode(message.email()));
        }
        var name = name(traits);
        if (name != null) {
            attributes.put("name", JSON.textNode(name));
        }
        text(traits, "phone").ifPresent(phone -> attributes.put("phone", JSON.textNode(phone)));
        text(traits, "timezone").or(() -> text(traits, "time_zone")).ifPresent(zone -> attributes.put("time_zone", JSON.textNode(zone)));
        text(traits, "locale").ifPresent(locale -> attributes.put("locale", JSON.textNode(locale)));
        var organization = traits.has("organizationId") ? traits.get("organizationId") : traits.get("organization_id");
        if (organization != null && organization.asText().matches("[0-9]{1,18}")) {
            attributes.put("organization_id", JSON.numberNode(Long.parseLong(organization.asText())));
        } else if (organization != null && !organization.isNull()) {
            return new Failed("traits.organizationId = \"" + organization.asText() + "\" is not a Zendesk organization id (a number): "
                    + "send traits.company {\"id\": …} to match organisations by external_id");
        }
        var tagList = traits.path("tags");
        for (var tag : tagList.isArray() ? tagList : tagList.isValueNode() && !tagList.isNull() ? List.of(tagList) : List.<JsonNode>of()) {
            for (var part : tag.asText().trim().split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    tags.put(part.toLowerCase(Locale.ROOT), true);
                }
            }
        }
        var company = traits.path("company");
        for (var each : company.isArray() ? company : company.isObject() ? List.of(company) : List.<JsonNode>of()) {
            companies.add(each);
        }
        traits.path("audiences").properties().forEach(entry ->
                audience(entry.getKey(), entry.getValue().asBoolean(false), fields, attributes, tags));
        for (var entry : traits.properties()) {
            var trait = entry.getKey();
            if (STANDARD.contains(trait)) {
                continue;
            }
            var field = FieldValues.fieldFor(trait, fields);
            if (field.isEmpty()) {
                notes.add("trait " + trait + " was not written: Zendesk has no user field with key " + snake(trait)
                        + "; create one in Admin Center > People > User fields (or set the connection's cdp.create_missing_fields to true "
                        + "and the bridge creates it), or stop sending it");
                continue;
            }
            var result = FieldValues.convert(trait, field.get(), entry.getValue());
            if (result instanceof FieldValues.Problem problem) {
                return new Failed(problem.reason());
            }
            attributes.put("user_fields." + field.get().path("key").asText(), ((FieldValues.Fits) result).value());
        }
        return new Change(new UserChange(itemId, message, attributes, tags, companies, notes));
    }

    private static void audience(String name, boolean member, List<JsonNode> fields, Map<String, JsonNode> attributes, Map<String, Boolean> tags) {
        var slug = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        var field = fields.stream().filter(f -> f.path("key").asText().equals(AUDIENCE_FIELD_PREFIX + slug) && f.path("type").asText().equals("checkbox"))
                .findFirst();
        if (field.isPresent()) {
            attributes.put("user_fields." + AUDIENCE_FIELD_PREFIX + slug, JSON.booleanNode(member));
        } else {
            tags.put(AUDIENCE_TAG_PREFIX + slug, member);
        }
    }

    private static String name(JsonNode traits) {
        var full = text(traits, "name");
        if (full.isPresent()) {
            return full.get();
        }
        var first = text(traits, "firstName").or(() -> text(traits, "first_name"));
        var last = text(traits, "lastName").or(() -> text(traits, "last_name"));
        if (first.isEmpty() && last.isEmpty()) {
            return null;
        }
        return (first.orElse("") + " " + last.orElse("")).trim();
    }

    private static java.util.Optional<String> text(JsonNode node, String name) {
        var value = node.get(name);
        return value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()
                ? java.util.Optional.empty() : java.util.Optional.of(value.asText().trim());
    }

    static String snake(String trait) {
        return trait.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
