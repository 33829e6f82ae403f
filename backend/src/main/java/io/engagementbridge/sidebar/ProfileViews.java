package io.engagementbridge.sidebar;

import io.engagementbridge.profile.CustomerId;
import io.engagementbridge.profile.CustomerProfile;
import io.engagementbridge.profile.Interactions;
import io.engagementbridge.profile.ProfileField;
import io.engagementbridge.profile.Requester;
import io.engagementbridge.settings.FieldRole;
import io.engagementbridge.settings.InstallationSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Builds the profile view: triage fields (LTV, RFM, loyalty) first, then the rest in configured order. */
final class ProfileViews {
    private final Clock clock;
    private final Duration staleAfter;
    private final InteractionViews interactions;
    private final WebUrls webUrls = new WebUrls();
    private final NumberFormats formats = new NumberFormats();

    ProfileViews(Clock clock, Duration staleAfter) {
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.interactions = new InteractionViews(clock, webUrls, formats);
    }

    ProfileView view(CustomerProfile profile, CustomerId matchedOn, CustomerId alsoMatches, boolean recheck, Requester requester,
                     InstallationSettings settings, AgentContext agent) {
        var messages = new Messages(agent.locale());
        var formatter = new ValueFormatter(agent, settings.currency(), messages, webUrls, formats);
        var headline = profile.fields().stream().filter(f -> f.role() != null)
                .sorted(Comparator.comparing(ProfileField::role))
                .map(f -> new FieldView(f.label(), formatter.format(f))).toList();
        var details = profile.fields().stream().filter(f -> f.role() == null).map(f -> {
            var value = formatter.format(f);
            // A Managed Endpoint's "html" block speaks for itself; its key is not a label for agents.
            return new FieldView(value.is("SANITIZED_HTML") ? "" : f.label(), value);
        }).toList();
        var age = age(profile);
        var stale = age.compareTo(staleAfter) > 0;
        var asOf = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(agent.locale()).withZone(agent.zone())
                .format(profile.fetchedAt());
        return new ProfileView(
                settings.priorityRules().evaluate(profile).map(match -> TierViews.view(match, settings, messages, formatter)).orElse(null),
                settings.title(),
                name(profile, requester, matchedOn),
                messages.get("profile.matched", matchedOn.value(), matchedOn.name()),
                alsoMatches == null ? null : messages.get("profile.ambiguous", alsoMatches.value(), matchedOn.value()),
                recheck,
                headline,
                details,
                recent(profile.interactions(), agent, settings, messages),
                settings.appUrl() == null ? null : settings.appUrl().newBuilder()
                        .addPathSegments("crm/customers/pages/1").addQueryParameter("query", matchedOn.value()).build().toString(),
                messages.get("profile.link"),
                messages.get("profile.asof", asOf),
                stale,
                stale ? messages.get("profile.stale", age(age, messages)) : null,
                messages.get("profile.refresh"));
    }

    private ProfileView.Recent recent(Interactions interactions, AgentContext agent, InstallationSettings settings, Messages messages) {
        if (!interactions.requested()) {
            return null;
        }
        return new ProfileView.Recent(messages.get("interactions.heading"),
                interactions.error() == null ? this.interactions.views(interactions.items(), agent, settings.currency(), messages) : List.of(),
                interactions.error() == null ? null : messages.get("field.unavailable"),
                interactions.error(),
                messages.get("interactions.none"));
    }

    /** Older than the refresh interval: the page says how old, so it changes as time passes. */
    boolean stale(CustomerProfile profile) {
        return age(profile).compareTo(staleAfter) > 0;
    }

    private Duration age(CustomerProfile profile) {
        return Duration.between(profile.fetchedAt(), clock.instant());
    }

    private static String name(CustomerProfile profile, Requester requester, CustomerId matchedOn) {
        var parts = new ArrayList<String>();
        for (var property : List.of("first_name", "last_name")) {
            profile.fields().stream()
                    .filter(f -> f.available() && property.equals(f.reference()) && f.value() != null && f.value().isValueNode())
                    .map(f -> f.value().asText().trim()).filter(s -> !s.isEmpty()).findFirst().ifPresent(parts::add);
        }
        if (!parts.isEmpty()) {
            return String.join(" ", parts);
        }
        return Stream.of(requester.name(), matchedOn.value()).filter(Objects::nonNull).filter(s -> !s.isBlank()).findFirst().orElse("");
    }

    static String age(Duration age, Messages messages) {
        if (age.toDays() > 0) {
            return messages.get("age.days", age.toDays());
        }
        if (age.toHours() > 0) {
            return messages.get("age.hours", age.toHours());
        }
        if (age.toMinutes() > 0) {
            return messages.get("age.minutes", age.toMinutes());
        }
        return messages.get("age.seconds", Math.max(0, age.toSeconds()));
    }

}
