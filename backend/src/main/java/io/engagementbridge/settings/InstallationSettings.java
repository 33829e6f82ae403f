package io.engagementbridge.settings;

import io.engagementbridge.priority.TierRules;
import okhttp3.HttpUrl;

import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * One Zendesk installation's settings, parsed and validated. Holds no secrets. {@code managedEndpointRoles}
 * maps Managed Endpoint keys to roles; {@code tierTicketFieldId} is null when no tier ticket field is set.
 */
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
        Currency currency,
        TierRules priorityRules,
        Map<String, FieldRole> managedEndpointRoles,
        Long tierTicketFieldId) {

    /** Settings with the default tiers, no Managed Endpoint roles and no tier ticket field. */
    public InstallationSettings(String title, HttpUrl baseUrl, String projectToken, String customerIdName, String externalIdName,
                                HttpUrl managedEndpointUrl, List<FieldSpec> fields, List<String> eventTypes, HttpUrl appUrl,
                                Currency currency) {
        this(title, baseUrl, projectToken, customerIdName, externalIdName, managedEndpointUrl, fields, eventTypes, appUrl, currency,
                TierRules.defaults(), Map.of(), null);
    }

    public DataSource source() {
        return managedEndpointUrl != null ? DataSource.MANAGED_ENDPOINT : DataSource.DATA_API;
    }
}
