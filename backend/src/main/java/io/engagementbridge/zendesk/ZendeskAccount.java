package io.engagementbridge.zendesk;

import okhttp3.HttpUrl;

/** One connected Zendesk account: the connection it belongs to, its base URL ({@code https://acme.zendesk.com}) and how to authenticate. */
public record ZendeskAccount(String connectionId, HttpUrl baseUrl, ZendeskAuth auth) {

    /** The subdomain (or host, for non-Zendesk hosts such as the simulator) that names the account's shared budget. */
    public String name() {
        var host = baseUrl.host();
        return host.endsWith(".zendesk.com") ? host.substring(0, host.length() - ".zendesk.com".length()) : host + ":" + baseUrl.port();
    }
}
