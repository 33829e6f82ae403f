package io.engagementbridge.logging;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The production logging configuration (logback.xml), as an operator reads its output. */
final class LogPolicyTest {

    @Test
    void an_unexpected_exception_shows_its_stack_trace_once_and_then_one_line_each_time() {
        var marker = "unexpected-" + UUID.randomUUID();
        var from = SecretLeakGuard.captured().length();
        var log = LoggerFactory.getLogger(LogPolicyTest.class);
        for (int i = 0; i < 100; i++) {
            log.error("{} #{}", marker, i, new IllegalStateException("state broke " + marker));
        }
        var lines = SecretLeakGuard.captured().substring(from).lines().toList();
        assertThat(lines.stream().filter(line -> line.contains(marker + " #"))).hasSize(100);
        assertThat(lines.stream().filter(line -> line.contains("at io.engagementbridge.logging.LogPolicyTest."))).hasSize(1);
        assertThat(lines).anyMatch(line -> line.contains(marker + " #99 [java.lang.IllegalStateException: state broke " + marker
                + "; stack trace shown at most once a minute]"));
    }

    @Test
    void a_library_warning_repeated_a_thousand_times_is_logged_once() {
        var marker = "library-" + UUID.randomUUID();
        var from = SecretLeakGuard.captured().length();
        var library = LoggerFactory.getLogger("org.example.library");
        for (int i = 0; i < 1_000; i++) {
            library.warn("Body too large for " + marker);
        }
        assertThat(SecretLeakGuard.captured().substring(from).lines().filter(line -> line.contains(marker))).hasSize(1);
    }

    @Test
    void a_library_line_carrying_a_credential_is_masked() {
        var from = SecretLeakGuard.captured().length();
        LoggerFactory.getLogger("org.example.library").info("calling with Authorization: Basic dGVzdC1rZXk6c2VjcmV0 now");
        assertThat(SecretLeakGuard.captured().substring(from)).contains("calling with Authorization: *** now").doesNotContain("dGVzdC1rZXk6c2VjcmV0");
    }
}
