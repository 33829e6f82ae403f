package io.engagementbridge.config;

import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.store.StoreConfig;

import java.util.Map;

/**
 * The operator's settings for the write side: where its database is, the master key that seals
 * connection secrets, which Zendesk hosts connections may point at, and the operator API's token.
 */
public record WriteSideConfig(StoreConfig store, String masterKey, HostPolicy zendeskHosts, String adminToken) {
    public WriteSideConfig {
        if (adminToken != null && !adminToken.isBlank() && adminToken.length() < 24) {
            throw new ConfigException("BRIDGE_ADMIN_TOKEN must be at least 24 characters (e.g. `openssl rand -hex 24`)");
        }
    }

    public static WriteSideConfig fromEnv(Map<String, String> env) {
        return new WriteSideConfig(StoreConfig.fromEnv(env), blankToNull(env.get("BRIDGE_MASTER_KEY")), BridgeConfig.zendeskHosts(env),
                blankToNull(env.get("BRIDGE_ADMIN_TOKEN")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "WriteSideConfig[" + store + ", masterKey=" + (masterKey == null ? "unset" : "***") + ", zendeskHosts="
                + zendeskHosts.allowedHosts() + ", adminToken=" + (adminToken == null ? "unset" : "***") + "]";
    }
}
