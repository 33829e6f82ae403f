package io.engagementbridge.sidebar;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The backend's agent-facing strings in the agent's language, falling back to English. */
public final class Messages {
    private static final ResourceBundle.Control NO_JVM_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final Locale locale;

    public Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("i18n/messages", locale, NO_JVM_FALLBACK);
    }

    public String get(String key, Object... args) {
        try {
            // Always through MessageFormat, so a '' in any message shows as one apostrophe.
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("Missing message: " + key, e);
        }
    }
}
