package io.engagementbridge.sidebar;

/** A recommended product. {@code url} and {@code image} are http(s) or null, never anything else. */
public record ProductCard(String title, String price, String url, String image) {
}
