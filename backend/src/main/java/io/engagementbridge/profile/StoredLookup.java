package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.settings.FieldRole;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A lookup as the cache keeps it: a found profile's fields as deflated JSON, about a tenth of their
 * size as Java objects, or no fields at all for a customer Engagement does not know. Decoded on
 * every read; the JSON keeps Java nulls apart from JSON nulls so decoding gives back equal fields.
 */
record StoredLookup(byte[] fields, Instant checkedAt, Interactions interactions) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static StoredLookup of(ProfileLookup lookup) {
        if (!(lookup instanceof ProfileLookup.Found found)) {
            return new StoredLookup(null, lookup.checkedAt(), Interactions.NOT_REQUESTED);
        }
        var array = JSON.createArrayNode();
        for (var field : found.profile().fields()) {
            var object = array.addObject();
            putText(object, "label", field.label());
            putText(object, "role", field.role() == null ? null : field.role().name());
            putText(object, "format", field.format());
            putText(object, "type", field.type());
            putText(object, "reference", field.reference());
            if (field.value() != null) {
                object.set("value", field.value());
            }
            putText(object, "error", field.error());
        }
        // Recent interactions are few (at most five small events) and kept as they are.
        return new StoredLookup(deflate(array), lookup.checkedAt(), found.profile().interactions());
    }

    boolean missing() {
        return fields == null;
    }

    ProfileLookup lookup() {
        if (missing()) {
            return new ProfileLookup.Missing(checkedAt);
        }
        var array = (ArrayNode) inflate(fields);
        var decoded = new ArrayList<ProfileField>(array.size());
        for (var object : array) {
            var role = text(object, "role");
            decoded.add(new ProfileField(text(object, "label"), role == null ? null : FieldRole.valueOf(role), text(object, "format"),
                    text(object, "type"), text(object, "reference"), object.get("value"), text(object, "error")));
        }
        return new ProfileLookup.Found(new CustomerProfile(decoded, checkedAt, interactions));
    }

    private static void putText(ObjectNode object, String name, String value) {
        if (value != null) {
            object.put(name, value);
        }
    }

    private static String text(JsonNode object, String name) {
        return object.has(name) ? object.get(name).asText() : null;
    }

    private static byte[] deflate(JsonNode json) {
        var deflater = new Deflater();
        var bytes = new ByteArrayOutputStream();
        try (var out = new DeflaterOutputStream(bytes, deflater)) {
            JSON.writeValue(out, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    private static JsonNode inflate(byte[] deflated) {
        var inflater = new Inflater();
        try (var in = new InflaterInputStream(new ByteArrayInputStream(deflated), inflater)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            inflater.end();
        }
    }
}
