package io.engagementbridge.settings;

import okhttp3.HttpUrl;

/** The settings a connection test needs: where Engagement is, which project, which ID name. */
public record ConnectionSettings(HttpUrl baseUrl, String projectToken, String customerIdName) {
}
