package io.engagementbridge.sidebar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Number formats for a locale (and currency), each created once and then cloned: creating one looks up
 * locale data and parses a pattern, which cost more than the rest of a value's formatting. Formats are
 * not thread-safe, so every caller gets its own clone.
 */
final class NumberFormats {
    private enum Kind { MONEY, NUMBER, PERCENT }

    private record Key(Kind kind, Locale locale, Currency currency) {
    }

    private final Cache<Key, NumberFormat> prototypes = Caffeine.newBuilder().maximumSize(1_000).build();

    NumberFormat money(Locale locale, Currency currency) {
        return copy(new Key(Kind.MONEY, locale, currency), () -> {
            var format = NumberFormat.getCurrencyInstance(locale);
            format.setCurrency(currency);
            return format;
        });
    }

    NumberFormat number(Locale locale) {
        return copy(new Key(Kind.NUMBER, locale, null), () -> NumberFormat.getNumberInstance(locale));
    }

    NumberFormat percent(Locale locale) {
        return copy(new Key(Kind.PERCENT, locale, null), () -> {
            var format = NumberFormat.getPercentInstance(locale);
            format.setMaximumFractionDigits(1);
            return format;
        });
    }

    private NumberFormat copy(Key key, Supplier<NumberFormat> create) {
        return (NumberFormat) prototypes.get(key, k -> create.get()).clone();
    }
}
