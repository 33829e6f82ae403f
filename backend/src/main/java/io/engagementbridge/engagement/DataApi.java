package io.engagementbridge.engagement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;

/** Engagement's customer APIs: addresses ({base}/data/v2/projects/{token}/customers/{resource}) and request bodies. */
public final class DataApi {
    private DataApi() {
    }

    public static HttpUrl customers(HttpUrl base, String projectToken, String resource) {
        return base.newBuilder().addPathSegments("data/v2/projects").addPathSegment(projectToken)
                .addPathSegment("customers").addPathSegments(resource).build();
    }

    /** A request body identifying one customer: {"customer_ids": {name: value}}. */
    public static ObjectNode forCustomer(ObjectMapper mapper, String idName, String idValue) {
        var body = mapper.createObjectNode();
        body.putObject("customer_ids").put(idName, idValue);
        return body;
    }
}
