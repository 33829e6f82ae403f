package io.engagementbridge.settings;

/** Where the sidebar's fields come from. */
public enum DataSource {
    DATA_API, MANAGED_ENDPOINT
}
