package io.engagementbridge.sidebar;

import java.util.List;

/**
 * A field's value ready to render: plain text, a segment badge, a list, product cards, "unavailable",
 * or HTML that has already been through {@link HtmlSanitizer} (the only kind rendered unescaped).
 */
public record DisplayValue(Kind kind, String text, String reason, List<String> items, List<ProductCard> products) {

    public enum Kind { TEXT, EMPTY, BADGE, LIST, PRODUCTS, UNAVAILABLE, SANITIZED_HTML }

    static DisplayValue text(String text) {
        return new DisplayValue(Kind.TEXT, text, null, List.of(), List.of());
    }

    static DisplayValue empty() {
        return new DisplayValue(Kind.EMPTY, "—", null, List.of(), List.of());
    }

    public boolean is(String kindName) {
        return kind.name().equals(kindName);
    }
}
