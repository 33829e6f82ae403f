package io.engagementbridge.settings;

import okhttp3.HttpUrl;

import java.util.Currency;
import java.util.List;

/** One Zendesk installation's settings, parsed and validated. Holds no secrets. */
public record InstallationSettings(
        String title,
        HttpUrl baseUrl,
        String projectToken,
        String customerIdName,
        String externalIdName,
        HttpUrl managedEndpointUrl,
        List<FieldSpec> fields,
        List<String> eventTypes,
        HttpUrl appUrl,
        Currency currency) {

    public DataSource source() {
        return managedEndpointUrl != null ? DataSource.MANAGED_ENDPOINT : DataSource.DATA_API;
    }
}
