package io.engagementbridge.demo.zendesk;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One installation of the app in the simulated Zendesk account: every setting value, secure ones
 * included. Only the server side of the simulator ever reads the secure values.
 */
public record SimulatedInstallation(Map<String, String> settings) {

    public SimulatedInstallation {
        settings = Map.copyOf(settings);
    }

    /** The settings the iframe sends in a sidebar request: everything except secure settings. */
    public Map<String, String> browserSettings(ObjectMapper mapper) {
        return browserSettings(AppManifest.load(mapper));
    }

    /** What client.metadata().settings shows the browser: everything except secure settings. */
    Map<String, String> browserSettings(AppManifest manifest) {
        var visible = new LinkedHashMap<String, String>();
        settings.forEach((name, value) -> {
            if (!manifest.isSecure(name)) {
                visible.put(name, value);
            }
        });
        return visible;
    }

    @Override
    public String toString() {
        return "SimulatedInstallation[" + settings.size() + " settings]";
    }
}
