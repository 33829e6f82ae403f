package io.engagementbridge.oauth;

/** What oauth/page.jte shows in the tab the admin approved in: a state, a heading, one sentence. */
public record ConnectPage(String lang, String state, String heading, String body) {
}
