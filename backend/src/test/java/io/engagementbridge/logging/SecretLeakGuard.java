package io.engagementbridge.logging;

import io.engagementbridge.TestBackends;
import io.engagementbridge.demo.Demo;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.zendesk.ZendeskTestSecrets;
import io.javalin.testtools.DefaultTestConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * Registered for every test class (junit-platform.properties): all console output of the suite,
 * including every log line, is copied aside, and a test class fails if its output holds a secret.
 */
public final class SecretLeakGuard implements BeforeAllCallback, AfterAllCallback {
    /** Every secret value the tests use; add new ones here. */
    static final List<String> SECRETS = Stream.concat(Stream.of(TestBackends.SECRET, SimulatedProject.KEY_SECRET, SimulatedProject.KEY_ID,
            "demo-shared-secret-for-jwt-signing", "a-shared-secret-of-decent-length", "the-next-shared-secret-after-rotation",
            io.engagementbridge.connection.TestConnections.ZENDESK_TOKEN, io.engagementbridge.connection.TestConnections.ENGAGEMENT_KEY_SECRET,
            io.engagementbridge.ops.AdminConnectionsApiTest.ADMIN_TOKEN,
            "old-access-token-that-must-not-leak", "old-refresh-token-that-must-not-leak", "new-access-token-that-must-not-leak",
            "new-refresh-token-that-must-not-leak",
            "sim-api-token-for-tests-7c1d", "sim-oauth-client-secret-for-tests-91ab", "sim-webhook-signing-secret-for-tests",
            Demo.zendeskClientSecretForTests(),
            "operator-oauth-client-secret-that-must-not-leak", "zendesk-oauth-access-token-that-must-not-leak",
            "zendesk-oauth-refresh-token-that-must-not-leak", "installation-a-shared-secret", "installation-b-shared-secret",
            "cli-test-zendesk-api-token-9f2e", "sync-kill-test-api-token-3c9d", "engagement-sync-test-api-token-51ad", "cli-test-oauth-client-secret-77aa",
            "workspace-queue-test-api-token-5b0e", "bench-api-token-not-a-secret-elsewhere", "sidebar-tier-sync-shared-secret-3e7f",
            "burst-channel-api-token-not-a-secret", "workspace-agent-api-token-not-a-secret", "not-the-engagement-key-secret-0000",
            "demo-cdp-sync-test-api-token-2d4f", "braze-rest-api-key-for-tests-4d2a"),
            ZendeskTestSecrets.ALL.stream()).toList();
    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
        context.getStore(ExtensionContext.Namespace.GLOBAL).put(SecretLeakGuard.class, captured().length());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        var from = context.getStore(ExtensionContext.Namespace.GLOBAL).get(SecretLeakGuard.class, Integer.class);
        var output = captured();
        var leaks = new SecretScanner(SECRETS).leaks(output.substring(Math.min(from == null ? 0 : from, output.length())));
        if (!leaks.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " wrote secrets to the console/logs: " + leaks);
        }
        var stored = demoDatabaseLeaks();
        if (!stored.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " left secrets in clear in a demo database file: " + stored);
        }
    }

    /** This JVM's demo SQLite files (database, WAL) hold no known secret in clear; read once, then removed. */
    private static List<String> demoDatabaseLeaks() {
        var leaks = new java.util.ArrayList<String>();
        var tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        try (var dirs = java.nio.file.Files.newDirectoryStream(tmp, Demo.TEMP_PREFIX + ProcessHandle.current().pid() + "-*")) {
            for (var dir : dirs) {
                try (var files = java.nio.file.Files.walk(dir)) {
                    for (var file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                        var text = new String(java.nio.file.Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                        new SecretScanner(SECRETS).leaks(text).forEach(leak -> leaks.add(file.getFileName() + ": " + leak));
                    }
                }
                try (var files = java.nio.file.Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (java.io.IOException e) {
            leaks.add("could not read the demo database: " + e.getMessage());
        }
        return leaks;
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        // JavalinTest otherwise swallows logs of passing tests, which would hide leaks from this guard.
        DefaultTestConfig.setCaptureLogs(false);
        System.setOut(new PrintStream(new Tee(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(System.err), true, StandardCharsets.UTF_8));
        installed = true;
    }

    /** Everything written to the console since the suite started (for tests that read the backend's log). */
    public static String captured() {
        synchronized (CAPTURED) {
            return CAPTURED.toString(StandardCharsets.UTF_8);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream original;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            original.write(b);
            synchronized (CAPTURED) {
                CAPTURED.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            original.write(b, off, len);
            synchronized (CAPTURED) {
                CAPTURED.write(b, off, len);
            }
        }
    }
}
