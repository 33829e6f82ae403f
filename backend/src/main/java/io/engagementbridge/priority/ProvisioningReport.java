package io.engagementbridge.priority;

import java.util.List;

/** What one provision, repair or deprovision run did to each Zendesk object, in the order it handled them. */
public record ProvisioningReport(List<Item> items) {

    public enum Outcome { CREATED, ALREADY_THERE, UPDATED, REMOVED, ALREADY_GONE }

    /** One object: its kind ({@code user_field}, {@code ticket_field}, {@code trigger}, {@code view}, {@code webhook}), name, Zendesk id and what happened. */
    public record Item(String kind, String name, String id, Outcome outcome) {
    }

    public ProvisioningReport {
        items = List.copyOf(items);
    }

    public long count(Outcome outcome) {
        return items.stream().filter(item -> item.outcome() == outcome).count();
    }

    /** One line per object, for the CLI and the admin view. */
    public List<String> lines() {
        return items.stream().map(item -> item.kind() + " \"" + item.name() + "\" (" + item.id() + "): "
                + item.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).toList();
    }
}
