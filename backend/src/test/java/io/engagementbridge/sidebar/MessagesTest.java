package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

final class MessagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    @ParameterizedTest
    @ValueSource(strings = {"de", "es", "fr", "pt_BR", "ja"})
    void every_translation_has_exactly_the_english_keys(String suffix) {
        assertThat(new TreeSet<>(bundle("_" + suffix).stringPropertyNames()))
                .isEqualTo(new TreeSet<>(bundle("").stringPropertyNames()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "es", "fr", "pt_BR", "ja"})
    void every_translation_uses_the_english_placeholders(String suffix) {
        var english = bundle("");
        var translated = bundle("_" + suffix);
        english.stringPropertyNames().forEach(key -> assertThat(placeholders(translated.getProperty(key)))
                .as(suffix + " " + key).isEqualTo(placeholders(english.getProperty(key))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_de", "_es", "_fr", "_pt_BR", "_ja"})
    void every_apostrophe_is_written_twice_as_message_format_requires(String suffix) {
        var messages = bundle(suffix);
        messages.stringPropertyNames().forEach(key ->
                assertThat(LONE_APOSTROPHE.matcher(messages.getProperty(key)).find()).as(suffix + " " + key).isFalse());
    }

    @Test
    void a_doubled_apostrophe_shows_as_one_even_without_arguments() {
        assertThat(new Messages(Locale.US).get("errorhint.admin.FORBIDDEN")).contains("API key's group");
        assertThat(new Messages(Locale.FRENCH).get("error.UNAUTHORIZED")).isEqualTo("Engagement n'a pas accepté la clé API.");
    }

    @Test
    void zendesk_locale_tags_pick_their_translation() {
        assertThat(messagesFor("de-DE").get("profile.asof", "14:05")).isEqualTo("Stand: 14:05");
        assertThat(messagesFor("pt-BR").get("profile.refresh")).isEqualTo("Atualizar");
        assertThat(messagesFor("ja").get("profile.refresh")).isEqualTo("更新");
        assertThat(messagesFor("es-419").get("profile.refresh")).isEqualTo("Actualizar");
        assertThat(messagesFor("fr-CA").get("profile.refresh")).isEqualTo("Actualiser");
    }

    @Test
    void an_unknown_locale_falls_back_to_english_whatever_the_jvm_locale() {
        var jvmLocale = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(messagesFor("xx").get("profile.refresh")).isEqualTo("Refresh");
            assertThat(new Messages(Locale.forLanguageTag("xx")).get("retry")).isEqualTo("Try again");
        } finally {
            Locale.setDefault(jvmLocale);
        }
    }

    private static Messages messagesFor(String zendeskLocale) {
        var agent = JsonNodeFactory.instance.objectNode().put("locale", zendeskLocale);
        return new Messages(AgentContext.from(agent).locale());
    }

    private static TreeSet<String> placeholders(String pattern) {
        var found = new TreeSet<String>();
        PLACEHOLDER.matcher(pattern).results().forEach(match -> found.add(match.group()));
        return found;
    }

    private static Properties bundle(String suffix) {
        var path = "i18n/messages" + suffix + ".properties";
        try (var in = MessagesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            var properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
