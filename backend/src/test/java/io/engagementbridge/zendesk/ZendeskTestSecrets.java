package io.engagementbridge.zendesk;

import java.util.List;

/** The Zendesk secrets the tests use; the suite's SecretLeakGuard fails a test class whose output shows one. */
public final class ZendeskTestSecrets {
    public static final String API_TOKEN = "zd-api-token-6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv";
    public static final String ACCESS_TOKEN = "zd-access-token-first-0c8f1a";
    public static final String REFRESH_TOKEN = "zd-refresh-token-first-77d2e0";
    public static final String FRESH_ACCESS_TOKEN = "zd-access-token-second-9b31c4";
    public static final String FRESH_REFRESH_TOKEN = "zd-refresh-token-second-1ae5f9";
    public static final String CLIENT_SECRET = "zd-client-secret-4f0e9d2b7c";
    /** Every secret above, for the suite's leak guard. */
    public static final List<String> ALL = List.of(API_TOKEN, ACCESS_TOKEN, REFRESH_TOKEN, FRESH_ACCESS_TOKEN, FRESH_REFRESH_TOKEN, CLIENT_SECRET);

    private ZendeskTestSecrets() {
    }
}
