package io.engagementbridge.sidebar;

import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Cleans marketer-written HTML (a Managed Endpoint's "html" key) with OWASP's allow-list
 * sanitizer: text formatting, blocks, tables, http(s) links and images survive; scripts, event
 * handlers, styles and other URL schemes do not.
 */
final class HtmlSanitizer {
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.IMAGES);

    private HtmlSanitizer() {
    }

    static String sanitize(String untrusted) {
        return POLICY.sanitize(untrusted);
    }
}
