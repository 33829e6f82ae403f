package io.engagementbridge.demo.zendeskapi;

/** What the simulated OAuth consent page shows and posts back. */
public record AuthorizePage(String clientName, String clientId, String redirectUri, String state, String scope) {
}
