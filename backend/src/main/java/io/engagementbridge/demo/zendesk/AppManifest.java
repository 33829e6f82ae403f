package io.engagementbridge.demo.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * The parts of our real manifest.json that Zendesk acts on: secure parameters, their scopes, the whitelist, and
 * which page each Support location loads.
 */
record AppManifest(String name, String version, Map<String, Set<String>> secureScopes, List<String> domainWhitelist,
                   Map<String, String> locations) {

    static AppManifest load(ObjectMapper mapper) {
        try {
            var json = mapper.readTree(ClasspathAssets.read("zaf/app/manifest.json"));
            var scopes = new HashMap<String, Set<String>>();
            for (JsonNode parameter : json.path("parameters")) {
                if (parameter.path("secure").asBoolean(false)) {
                    scopes.put(parameter.path("name").asText(), Set.copyOf(
                            StreamSupport.stream(parameter.path("scopes").spliterator(), false).map(JsonNode::asText).toList()));
                }
            }
            var whitelist = StreamSupport.stream(json.path("domainWhitelist").spliterator(), false).map(JsonNode::asText).toList();
            var locations = new HashMap<String, String>();
            json.path("location").path("support").fields().forEachRemaining(l -> locations.put(l.getKey(), l.getValue().path("url").asText()));
            return new AppManifest(json.path("name").asText("Engagement Bridge"), json.path("version").asText(""), Map.copyOf(scopes), whitelist,
                    Map.copyOf(locations));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isSecure(String setting) {
        return secureScopes.containsKey(setting);
    }
}
