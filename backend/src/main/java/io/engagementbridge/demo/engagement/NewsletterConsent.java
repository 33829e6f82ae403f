package io.engagementbridge.demo.engagement;

import java.time.Instant;

/** The customer's last "newsletter" consent event; {@code until} is null when it never expires. */
public record NewsletterConsent(boolean valid, Instant timestamp, String message, String source, Instant until) {
}
