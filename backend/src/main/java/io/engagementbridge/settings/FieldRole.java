package io.engagementbridge.settings;

/** Fields that agents triage by; shown first, in this order. */
public enum FieldRole {
    LTV, RFM, LOYALTY
}
