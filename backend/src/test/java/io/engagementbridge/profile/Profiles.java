package io.engagementbridge.profile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.settings.InstallationSettings;
import okhttp3.HttpUrl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Cache keys and profiles for profile tests. */
final class Profiles {
    static final ProfileRequest REQUEST = ProfileRequest.of(new InstallationSettings("t", HttpUrl.get("https://api.exponea.com"),
            "project", "registered", "", null, List.of(), List.of(), null, Currency.getInstance("USD")), new Credentials("key", "secret"));

    /** As {@link #REQUEST}, with relayed support tickets among the recent interactions. */
    static final ProfileRequest REQUEST_WITH_TICKETS = ProfileRequest.of(new InstallationSettings("t", HttpUrl.get("https://api.exponea.com"),
            "project", "registered", "", null, List.of(), List.of("support_ticket"), null, Currency.getInstance("USD")), new Credentials("key", "secret"));

    private Profiles() {
    }

    static ProfileKey keyWithTickets(String email) {
        return new ProfileKey(REQUEST_WITH_TICKETS, new CustomerId("registered", email));
    }

    static ProfileKey key(String email) {
        return new ProfileKey(REQUEST, new CustomerId("registered", email));
    }

    /** A profile of {@code fields} text fields whose values differ from field to field, so they do not compress away. */
    static ProfileLookup.Found found(int fields, int valueLength) {
        var list = new ArrayList<ProfileField>();
        for (int i = 0; i < fields; i++) {
            var value = new StringBuilder();
            for (int c = 0; value.length() < valueLength; c++) {
                value.append(Integer.toString((i + 7) * 7_919 * (c + 1), 36));
            }
            list.add(new ProfileField("Field " + i, null, "", "property", "p" + i,
                    JsonNodeFactory.instance.textNode(value.substring(0, valueLength)), null));
        }
        return new ProfileLookup.Found(new CustomerProfile(list, Instant.parse("2026-11-21T10:00:00Z")));
    }
}
