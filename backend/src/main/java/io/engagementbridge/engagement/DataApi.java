package io.engagementbridge.engagement;

import okhttp3.HttpUrl;

/** Addresses of Engagement's Data API: {base}/data/v2/projects/{token}/customers/{resource}. */
public final class DataApi {
    private DataApi() {
    }

    public static HttpUrl customers(HttpUrl base, String projectToken, String resource) {
        return base.newBuilder().addPathSegments("data/v2/projects").addPathSegment(projectToken)
                .addPathSegment("customers").addPathSegments(resource).build();
    }
}
