package io.engagementbridge.demo.zendeskapi;

/** The outcome of asking one limit for a request: admitted or not, what is left, and when it frees up (seconds). */
record Budget(boolean admitted, int total, int remaining, long resetsInSeconds) {
}
