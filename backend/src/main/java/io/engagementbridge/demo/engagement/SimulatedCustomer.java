package io.engagementbridge.demo.engagement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer of the simulated Engagement project. Optional values are null: {@code secondaryEmail},
 * {@code externalId}, {@code lastPurchase} and {@code rfmSegment} (RFM only scores buyers),
 * {@code newsletterConsent} (no consent event yet).
 */
public record SimulatedCustomer(
        String firstName,
        String lastName,
        String email,
        String secondaryEmail,
        String externalId,
        List<String> cookies,
        double lifetimeValue,
        int orders,
        Instant lastPurchase,
        String rfmSegment,
        String loyaltyTier,
        int loyaltyPoints,
        String emailEngagement,
        double churnScore,
        NewsletterConsent newsletterConsent,
        List<SimulatedEvent> events,
        List<String> recommendedProductIds) {

    public SimulatedCustomer {
        cookies = List.copyOf(cookies);
        events = List.copyOf(events);
        recommendedProductIds = List.copyOf(recommendedProductIds);
    }

    public String fullName() {
        return firstName + " " + lastName;
    }

    /** Every email the customer is known by, primary first. */
    public List<String> emails() {
        var emails = new ArrayList<String>();
        emails.add(email);
        if (secondaryEmail != null) {
            emails.add(secondaryEmail);
        }
        return Collections.unmodifiableList(emails);
    }

    /** Null when the customer never ordered, like an "avg" aggregate over no purchases. */
    public Double averageOrderValue() {
        return orders == 0 ? null : Math.round(lifetimeValue / orders * 100.0) / 100.0;
    }

    /** Customer properties as the project stores them; absent values are left out. */
    public Map<String, Object> properties() {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("first_name", firstName);
        properties.put("last_name", lastName);
        properties.put("email", email);
        if (rfmSegment != null) {
            properties.put("rfm_segment", rfmSegment);
        }
        properties.put("loyalty_tier", loyaltyTier);
        properties.put("loyalty_points", loyaltyPoints);
        return Collections.unmodifiableMap(properties);
    }
}
