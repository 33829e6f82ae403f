package io.engagementbridge.sidebar;

/** One labelled row of the sidebar. */
public record FieldView(String label, DisplayValue value) {
}
