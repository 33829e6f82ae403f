package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.IllformedLocaleException;
import java.util.Locale;

/** Who is looking: the agent's locale and time zone (for formatting) and whether they administer Zendesk. */
public record AgentContext(Locale locale, ZoneId zone, boolean admin) {

    public static final AgentContext DEFAULT = new AgentContext(Locale.US, ZoneOffset.UTC, false);

    public static AgentContext from(JsonNode agent) {
        if (agent == null || !agent.isObject()) {
            return DEFAULT;
        }
        return new AgentContext(locale(agent.path("locale").asText("")), zone(agent.path("timeZone").asText("")),
                agent.path("role").asText("").equals("admin"));
    }

    private static Locale locale(String tag) {
        try {
            var locale = new Locale.Builder().setLanguageTag(tag.replace('_', '-')).build();
            return locale.getLanguage().isEmpty() ? Locale.US : locale;
        } catch (IllformedLocaleException e) {
            return Locale.US;
        }
    }

    private static ZoneId zone(String id) {
        try {
            return id.isEmpty() ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
