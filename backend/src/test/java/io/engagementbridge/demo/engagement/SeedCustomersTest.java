package io.engagementbridge.demo.engagement;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedCustomersTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void same_seed_and_now_yield_identical_customers() {
        var first = new SeedCustomers(NOW).generate(7, 60);
        var second = new SeedCustomers(NOW).generate(7, 60);
        assertThat(first).isEqualTo(second);
        assertThat(new SeedCustomers(NOW).generate(8, 60)).isNotEqualTo(first);
    }

    @Test
    void demo_has_at_least_fifty_customers_with_unique_lower_case_emails() {
        var customers = SeedCustomers.demo();
        assertThat(customers).hasSizeGreaterThanOrEqualTo(50).hasSize(SeedCustomers.DEMO_COUNT);
        assertThat(customers).extracting(SimulatedCustomer::fullName).doesNotHaveDuplicates();
        var emails = new HashSet<String>();
        for (var customer : customers) {
            for (var email : customer.emails()) {
                assertThat(emails.add(email)).as("unique %s", email).isTrue();
                assertThat(email).isEqualTo(email.toLowerCase()).matches("[a-z0-9.]+@[a-z0-9.]+");
            }
        }
    }

    @Test
    void fixed_customers_come_first_with_their_documented_values() {
        var customers = new SeedCustomers(NOW).generate(1, 10);
        var ada = customers.get(0);
        assertThat(ada.fullName()).isEqualTo("Ada Lovelace");
        assertThat(ada.email()).isEqualTo("ada.lovelace@example.com");
        assertThat(ada.secondaryEmail()).isEqualTo("ada@analytical.example");
        assertThat(ada.externalId()).isEqualTo("C-1001");
        assertThat(ada.lifetimeValue()).isEqualTo(12_845.50);
        assertThat(ada.loyaltyTier()).isEqualTo("Platinum");
        assertThat(ada.rfmSegment()).isEqualTo("Champions");
        assertThat(ada.recommendedProductIds()).isNotEmpty();
        assertThat(ada.events()).anyMatch(e -> e.timestamp().isAfter(NOW.minus(Duration.ofDays(3))));
        var grace = customers.get(1);
        assertThat(List.of(grace.fullName(), grace.email(), grace.loyaltyTier(), grace.rfmSegment()))
                .containsExactly("Grace Hopper", "grace.hopper@example.com", "Gold", "Loyal Customers");
        assertThat(grace.lifetimeValue()).isEqualTo(3_420.75);
        var alan = customers.get(2);
        assertThat(List.of(alan.fullName(), alan.email(), alan.loyaltyTier(), alan.rfmSegment()))
                .containsExactly("Alan Turing", "alan.turing@example.com", "Bronze", "At Risk");
        assertThat(alan.lifetimeValue()).isEqualTo(89.99);
    }

    @Test
    void mallory_carries_hostile_markup_in_every_rendered_place() {
        var mallory = new SeedCustomers(NOW).generate(1, 10).get(3);
        assertThat(mallory.email()).isEqualTo("mallory@example.com");
        assertThat(mallory.firstName()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(mallory.lastName()).isEqualTo("\"><script>alert(2)</script>");
        assertThat(mallory.rfmSegment()).isEqualTo("<svg onload=alert(3)>");
        assertThat(mallory.loyaltyTier()).isEqualTo("javascript:alert(4)");
        assertThat(mallory.events()).anyMatch(e -> e.properties().containsValue("<b onmouseover=alert(5)>Refund now</b>"));
        var hostile = ProductCatalog.find(mallory.recommendedProductIds().get(0)).orElseThrow();
        assertThat(hostile.url()).isEqualTo("javascript:alert(6)");
        assertThat(hostile.image()).isEqualTo("data:text/html,<script>alert(7)</script>");
    }

    @Test
    void every_customer_has_plausible_values_and_five_to_fifteen_recent_events() {
        var customers = new SeedCustomers(NOW).generate(42, 80);
        for (var customer : customers.subList(SeedCustomers.FIXED_COUNT, customers.size())) {
            assertThat(SeedCustomers.LOYALTY_TIERS).contains(customer.loyaltyTier());
            assertThat(SeedCustomers.EMAIL_ENGAGEMENT_SEGMENTS).contains(customer.emailEngagement());
            if (customer.orders() > 0) {
                assertThat(SeedCustomers.RFM_SEGMENTS).contains(customer.rfmSegment());
                assertThat(customer.lastPurchase()).isBefore(NOW);
            } else {
                assertThat(customer.lifetimeValue()).isZero();
                assertThat(customer.rfmSegment()).isNull();
            }
            assertThat(customer.churnScore()).isBetween(0.0, 1.0);
            assertThat(customer.cookies()).isNotEmpty();
        }
        for (var customer : customers) {
            assertThat(customer.events()).hasSizeBetween(5, 15);
            assertThat(customer.events()).allSatisfy(event -> assertThat(event.timestamp())
                    .isBetween(NOW.minus(SeedCustomers.EVENT_WINDOW), NOW));
        }
        assertThat(customers).anyMatch(c -> c.lifetimeValue() == 0.0);
        assertThat(customers).anyMatch(c -> c.lifetimeValue() > 5_000 && c != customers.get(0));
        assertThat(customers).anyMatch(c -> c.secondaryEmail() != null && c != customers.get(0));
        assertThat(customers).anyMatch(c -> c.externalId() != null && c.externalId().matches("C-\\d{5}"));
    }

    @Test
    void event_times_follow_the_given_now_not_the_wall_clock() {
        var later = NOW.plus(Duration.ofDays(10));
        var before = new SeedCustomers(NOW).generate(3, 20);
        var after = new SeedCustomers(later).generate(3, 20);
        assertThat(after.get(10).events().get(0).timestamp())
                .isEqualTo(before.get(10).events().get(0).timestamp().plus(Duration.ofDays(10)));
    }

    @Test
    void fewer_than_the_fixed_customers_is_rejected() {
        assertThatThrownBy(() -> new SeedCustomers(NOW).generate(1, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
