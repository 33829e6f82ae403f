package io.engagementbridge.priority;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.engagementbridge.ManualClock;
import io.engagementbridge.connection.AuthType;
import io.engagementbridge.connection.Connection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A stranger to Engagement is not looked up again for the connection's configured time, and is after it. */
class UnknownCustomersTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final UnknownCustomers unknown = new UnknownCustomers(clock);

    @Test
    void an_unknown_customer_is_remembered_for_the_connections_ttl_whatever_the_case_of_the_email() {
        var connection = connection("PT2H");
        unknown.remember(connection, "Stranger@Example.org");

        clock.advance(Duration.ofMinutes(119));
        assertThat(unknown.remembered(connection, "stranger@example.org")).isTrue();

        clock.advance(Duration.ofMinutes(2));
        assertThat(unknown.remembered(connection, "stranger@example.org")).isFalse();
    }

    @Test
    void without_a_valid_setting_the_memory_lasts_a_day_and_stays_within_its_connection() {
        var connection = connection("two hours");
        unknown.remember(connection, "stranger@example.org");

        clock.advance(Duration.ofHours(23));

        assertThat(unknown.remembered(connection, "stranger@example.org")).isTrue();
        var other = new Connection("c_other", "Other", "https://other.zendesk.com", AuthType.API_TOKEN, "https://api.exponea.com", "project",
                Optional.empty(), JsonNodeFactory.instance.objectNode(), Instant.EPOCH);
        assertThat(unknown.remembered(other, "stranger@example.org")).isFalse();
    }

    private static Connection connection(String ttl) {
        var settings = JsonNodeFactory.instance.objectNode().put(UnknownCustomers.SETTING, ttl);
        return new Connection("c_test", "Test", "https://acme.zendesk.com", AuthType.API_TOKEN, "https://api.exponea.com", "project",
                Optional.empty(), settings, Instant.EPOCH);
    }
}
