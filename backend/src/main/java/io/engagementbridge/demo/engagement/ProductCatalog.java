package io.engagementbridge.demo.engagement;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The simulated shop's catalog, used for recommendations and product events. */
public final class ProductCatalog {
    public static final String SHOP_URL = "https://shop.example/p/";
    public static final String IMAGE_PATH = "/catalog/images/";

    /** Recommended only to the hostile demo customer; never used to pad other customers' lists. */
    public static final CatalogItem HOSTILE_ITEM = new CatalogItem("666", "<img src=x onerror=alert(8)>Free gift",
            "<svg onload=alert(9)>", 0.0, "javascript:alert(6)", "data:text/html,<script>alert(7)</script>");

    private static final List<CatalogItem> ITEMS = List.of(
            item("101", "Linen Throw Blanket", "home", 89.00),
            item("102", "Ceramic Pour-Over Set", "kitchen", 54.50),
            item("103", "Merino Crew Sweater", "apparel", 129.00),
            item("104", "Trail Running Shoes", "footwear", 139.99),
            item("105", "Noise-Cancelling Headphones", "electronics", 249.00),
            item("106", "Cast Iron Skillet 26 cm", "kitchen", 64.00),
            item("107", "Waxed Canvas Backpack", "bags", 118.00),
            item("108", "Stoneware Mug Pair", "kitchen", 32.00),
            item("109", "Organic Cotton Tee", "apparel", 29.00),
            item("110", "Bamboo Desk Organizer", "office", 41.50),
            item("111", "Smart LED Desk Lamp", "electronics", 79.90),
            item("112", "Cork Yoga Mat", "fitness", 68.00),
            item("113", "Insulated Water Bottle", "fitness", 34.95),
            item("114", "Wool Beanie", "apparel", 24.00));

    private static final Map<String, CatalogItem> BY_ID = Stream.concat(ITEMS.stream(), Stream.of(HOSTILE_ITEM))
            .collect(Collectors.toUnmodifiableMap(CatalogItem::id, i -> i));

    private static final Map<String, String> COLORS = Map.of(
            "home", "#c8a97e", "kitchen", "#d9825b", "apparel", "#6f8fb8", "footwear", "#5c7a5a",
            "electronics", "#4a4e69", "bags", "#8d6e63", "office", "#7c9a92", "fitness", "#4f9d8d");

    private ProductCatalog() {
    }

    public static List<CatalogItem> items() {
        return ITEMS;
    }

    public static Optional<CatalogItem> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** A small original product tile for a regular catalog item, so the demo needs no external images. */
    public static Optional<String> svg(String id) {
        var item = BY_ID.get(id);
        if (item == null || item == HOSTILE_ITEM) {
            return Optional.empty();
        }
        var color = COLORS.getOrDefault(item.category(), "#888888");
        return Optional.of("""
                <svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160" role="img" aria-label="%s">
                  <rect width="160" height="160" rx="16" fill="%s"/>
                  <circle cx="124" cy="36" r="46" fill="#ffffff" fill-opacity="0.14"/>
                  <rect x="22" y="104" width="116" height="8" rx="4" fill="#ffffff" fill-opacity="0.35"/>
                  <text x="80" y="86" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="44" font-weight="700" fill="#ffffff">%s</text>
                  <text x="80" y="136" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="13" fill="#ffffff">%s</text>
                </svg>
                """.formatted(xml(item.title()), color, xml(initials(item.title())), xml(item.category())));
    }

    private static CatalogItem item(String id, String title, String category, double price) {
        return new CatalogItem(id, title, category, price, SHOP_URL + id, IMAGE_PATH + id + ".svg");
    }

    private static String initials(String title) {
        var words = title.split("[\\s-]+");
        var initials = new StringBuilder();
        for (var word : words) {
            if (!word.isEmpty() && Character.isLetter(word.charAt(0)) && initials.length() < 2) {
                initials.append(word.charAt(0));
            }
        }
        return initials.toString().toUpperCase(Locale.ROOT);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
