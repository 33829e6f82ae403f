package io.engagementbridge.logging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class SecretScannerTest {
    private final SecretScanner scanner = new SecretScanner(List.of("hunter2-super-secret"));

    @Test
    void a_known_secret_in_a_log_line_is_reported_without_repeating_it() {
        assertThat(scanner.leaks("[main] INFO x - key=hunter2-super-secret")).singleElement().asString()
                .contains("known secret #0").doesNotContain("hunter2");
    }

    @Test
    void a_jwt_in_a_log_line_is_reported() {
        assertThat(scanner.leaks("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJl")).containsExactly("a JWT");
    }

    @Test
    void ordinary_request_logs_are_clean() {
        assertThat(scanner.leaks("[qtp-1] INFO request - POST /sidebar 200 12ms")).isEmpty();
    }

    @Test
    void the_guard_knows_every_secret_the_demo_installation_holds() {
        assertThat(SecretLeakGuard.SECRETS).contains(io.engagementbridge.demo.engagement.SimulatedProject.KEY_SECRET,
                io.engagementbridge.demo.Demo.installationSecretForTests());
    }
}
