package io.engagementbridge.config;

import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.store.StoreConfig;

import java.time.Duration;
import java.util.Map;

/**
 * The operator's settings for the write side: where its database is, the master key that seals
 * connection secrets, which Zendesk hosts connections may point at, the operator API's token, the
 * OAuth client with which admins connect Zendesk from the app, how long the relay lets a batch of
 * ticket events fill before sending it ({@code relayLinger}: fewer Engagement requests against later events),
 * and for how many days CDP message and import outcomes are kept unless a connection says otherwise.
 */
public record WriteSideConfig(StoreConfig store, String masterKey, HostPolicy zendeskHosts, String adminToken, ZendeskOAuthConfig oauth,
                              Duration relayLinger, int cdpRetentionDays) {
    public static final Duration DEFAULT_RELAY_LINGER = Duration.ofSeconds(60);
    private static final Duration LONGEST_RELAY_LINGER = Duration.ofMinutes(1);
    public static final int DEFAULT_CDP_RETENTION_DAYS = 30;

    public WriteSideConfig {
        java.util.Objects.requireNonNull(relayLinger, "relayLinger");
        if (relayLinger.isNegative() || relayLinger.compareTo(LONGEST_RELAY_LINGER) > 0) {
            throw new ConfigException("BRIDGE_RELAY_LINGER must be between PT0S and PT1M, was " + relayLinger);
        }
        if (cdpRetentionDays < 1 || cdpRetentionDays > 3650) {
            throw new ConfigException("BRIDGE_CDP_RETENTION_DAYS must be a whole number of days from 1 to 3650, was " + cdpRetentionDays);
        }
        if (adminToken != null && !adminToken.isBlank() && adminToken.length() < 24) {
            throw new ConfigException("BRIDGE_ADMIN_TOKEN must be at least 24 characters (e.g. `openssl rand -hex 24`)");
        }
        var sampleZendesk = oauth.zendeskUrl("acme");
        zendeskHosts.rejection(sampleZendesk).filter(reason -> oauth.configured()
                || !oauth.zendeskUrlTemplate().equals(ZendeskOAuthConfig.DEFAULT_URL_TEMPLATE)).ifPresent(reason -> {
            throw new ConfigException("BRIDGE_ZENDESK_URL_TEMPLATE gives Zendesk URLs such as " + sampleZendesk + ", which " + reason
                    + " (BRIDGE_ZENDESK_HOSTS decides which hosts are allowed)");
        });
    }

    /** CDP outcomes kept for the default 30 days. */
    public WriteSideConfig(StoreConfig store, String masterKey, HostPolicy zendeskHosts, String adminToken, ZendeskOAuthConfig oauth,
                           Duration relayLinger) {
        this(store, masterKey, zendeskHosts, adminToken, oauth, relayLinger, DEFAULT_CDP_RETENTION_DAYS);
    }

    /** The relay's default linger and CDP outcomes kept for the default 30 days. */
    public WriteSideConfig(StoreConfig store, String masterKey, HostPolicy zendeskHosts, String adminToken, ZendeskOAuthConfig oauth) {
        this(store, masterKey, zendeskHosts, adminToken, oauth, DEFAULT_RELAY_LINGER);
    }

    /** Without an OAuth client: connections come from the operator only. */
    public WriteSideConfig(StoreConfig store, String masterKey, HostPolicy zendeskHosts, String adminToken) {
        this(store, masterKey, zendeskHosts, adminToken, ZendeskOAuthConfig.NONE);
    }

    public static WriteSideConfig fromEnv(Map<String, String> env) {
        return new WriteSideConfig(StoreConfig.fromEnv(env), BridgeConfig.optional(env, "BRIDGE_MASTER_KEY"), BridgeConfig.zendeskHosts(env),
                BridgeConfig.optional(env, "BRIDGE_ADMIN_TOKEN"), ZendeskOAuthConfig.fromEnv(env),
                BridgeConfig.duration(env, "BRIDGE_RELAY_LINGER", DEFAULT_RELAY_LINGER), retentionDays(env));
    }

    private static int retentionDays(Map<String, String> env) {
        var raw = BridgeConfig.optional(env, "BRIDGE_CDP_RETENTION_DAYS");
        if (raw == null) {
            return DEFAULT_CDP_RETENTION_DAYS;
        }
        if (!raw.trim().matches("[0-9]{1,4}")) {
            throw new ConfigException("BRIDGE_CDP_RETENTION_DAYS must be a whole number of days from 1 to 3650, was '" + raw + "'");
        }
        return Integer.parseInt(raw.trim());
    }

    @Override
    public String toString() {
        return "WriteSideConfig[" + store + ", masterKey=" + (masterKey == null ? "unset" : "***") + ", zendeskHosts="
                + zendeskHosts.allowedHosts() + ", adminToken=" + (adminToken == null ? "unset" : "***") + ", " + oauth
                + ", relayLinger=" + relayLinger + ", cdpRetentionDays=" + cdpRetentionDays + "]";
    }
}
