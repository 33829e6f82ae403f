package io.engagementbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionSecrets;
import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.settings.ConnectionSettings;
import io.engagementbridge.settings.InvalidSettingsException;
import io.engagementbridge.settings.SettingProblem;
import io.engagementbridge.settings.SettingsParser;
import io.engagementbridge.sidebar.ConnectionCheck;
import io.engagementbridge.sidebar.Messages;
import okhttp3.HttpUrl;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The Connection panel's Engagement test: one cheap authenticated call ({@link ConnectionCheck}) with the
 * app's settings as Zendesk's proxy filled them in, and, when the connection keeps other Engagement settings
 * (it copied them when it was connected), one more with those: the relay writes with the connection's.
 * Each answer is ok, or the failure's kind and its next step in the admin's language.
 */
final class EngagementTest {
    private final ConnectionCheck check;
    private final SettingsParser parser;

    EngagementTest(ConnectionCheck check, SettingsParser parser) {
        this.check = check;
        this.parser = parser;
    }

    /** What the app's settings and, if they differ, the connection's stored ones got from Engagement. */
    CompletableFuture<Map<String, Object>> run(JsonNode appSettings, List<SettingProblem> headerProblems, Credentials appCredentials,
                                               Optional<Connection> connection, Optional<ConnectionSecrets> secrets, Messages messages) {
        ConnectionSettings app;
        try {
            app = parser.connection(appSettings, headerProblems);
        } catch (InvalidSettingsException e) {
            var answer = new LinkedHashMap<String, Object>();
            answer.put("app_settings", Map.of("ok", false, "kind", "SETTINGS", "message", "Fix these app settings first: "
                    + e.problems().stream().map(p -> p.setting() + ": " + p.message()).collect(Collectors.joining(" "))));
            return CompletableFuture.completedFuture(answer);
        }
        var appCheck = check.run(app, appCredentials);
        var storedUrl = connection.map(Connection::engagementBaseUrl).map(HttpUrl::parse);
        var stored = storedUrl.isPresent() && secrets.isPresent()
                ? Optional.of(new Stored(new ConnectionSettings(storedUrl.get(), connection.get().engagementProjectToken(), app.customerIdName()),
                new Credentials(secrets.get().engagementKeyId(), secrets.get().engagementKeySecret())))
                : Optional.<Stored>empty();
        var connectionCheck = stored.filter(s -> !s.same(app, appCredentials))
                .map(s -> check.run(s.settings(), s.credentials()))
                .orElse(CompletableFuture.completedFuture(null));
        return appCheck.thenCombine(connectionCheck, (appResult, connectionResult) -> {
            var answer = new LinkedHashMap<String, Object>();
            answer.put("app_settings", view(appResult, messages));
            answer.put("connection_differs", connectionResult != null);
            answer.put("connection", connectionResult == null ? null : view(connectionResult, messages));
            return answer;
        });
    }

    private static Map<String, Object> view(ConnectionCheck.Result result, Messages messages) {
        var kind = result.messageKey().substring(result.messageKey().indexOf('.') + 1);
        return Map.of("ok", result.ok(), "kind", kind, "message", messages.get(result.messageKey()));
    }

    /** The Engagement settings a connection keeps. */
    private record Stored(ConnectionSettings settings, Credentials credentials) {
        boolean same(ConnectionSettings app, Credentials appCredentials) {
            return settings.baseUrl().equals(app.baseUrl()) && java.util.Objects.equals(settings.projectToken(), app.projectToken())
                    && equal(credentials.keyId(), appCredentials.keyId()) && equal(credentials.secret(), appCredentials.secret());
        }

        private static boolean equal(String a, String b) {
            return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        }
    }
}
