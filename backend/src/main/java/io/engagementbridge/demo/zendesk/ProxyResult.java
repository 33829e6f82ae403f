package io.engagementbridge.demo.zendesk;

/** What the simulated proxy hands back to the host page, which turns it into zaf.request:K.done/.fail. */
record ProxyResult(int status, String statusText, String contentType, String body) {
}
