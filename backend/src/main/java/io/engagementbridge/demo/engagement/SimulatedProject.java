package io.engagementbridge.demo.engagement;

import java.util.Map;

/** Credentials and definition ids of the simulated Engagement project. All values are demo-only. */
public final class SimulatedProject {
    public static final String PROJECT_TOKEN = "7c4e2a91-3b5d-4f08-a6c2-9d1e8b0f5a37";
    public static final String KEY_ID = "k8vq3m2x7rj5wd1n9tbhc4pz6yfg0sle2au8xomv7ikq3dnw";
    public static final String KEY_SECRET = "s5hz9ck2wq7vn4tb8xe1rmj6gd3pf0ylau5o2ikq8zcv7nwe4rtb1hsm9jx6gdfp";
    public static final String MANAGED_ENDPOINT_ID = "6a1f3c9e2b7d4e05f8a1c3b7";

    public static final String EMAIL_ENGAGEMENT_SEGMENTATION_ID = "64b8e2f0c1a3d5e7f9b1c3a5";
    /** A segmentation the demo API key may not read: every lookup answers "No permission". */
    public static final String RESTRICTED_SEGMENTATION_ID = "64b8e2f0c1a3d5e7f9b1c3ff";
    public static final String LTV_AGGREGATE_ID = "60a7b2c4d1e3f5a6b7c8d901";
    public static final String ORDERS_AGGREGATE_ID = "60a7b2c4d1e3f5a6b7c8d902";
    public static final String AVERAGE_ORDER_AGGREGATE_ID = "60a7b2c4d1e3f5a6b7c8d903";
    public static final String LAST_PURCHASE_EXPRESSION_ID = "62d4f6a8b0c2e4f6a8b0c2d4";
    public static final String CHURN_PREDICTION_ID = "61c2e4f6a8b0c1d3e5f7a9b1";
    public static final String RECOMMENDATION_MODEL_ID = "63e5a7c9b1d3f5e7a9c1b3d5";

    /** Definition names, by id, for anyone listing what the project offers. */
    public static final Map<String, String> DEFINITIONS = Map.of(
            EMAIL_ENGAGEMENT_SEGMENTATION_ID, "segmentation: email engagement",
            RESTRICTED_SEGMENTATION_ID, "segmentation: restricted (No permission)",
            LTV_AGGREGATE_ID, "aggregate: lifetime value (sum purchase.total_price)",
            ORDERS_AGGREGATE_ID, "aggregate: orders (count purchase)",
            AVERAGE_ORDER_AGGREGATE_ID, "aggregate: average order value (avg purchase.total_price)",
            LAST_PURCHASE_EXPRESSION_ID, "expression: last purchase (UNIX seconds)",
            CHURN_PREDICTION_ID, "prediction: churn risk (0..1)",
            RECOMMENDATION_MODEL_ID, "recommendation: recommended for you");

    private SimulatedProject() {
    }

    /** The managed endpoint's path; prefix it with the simulator's base URL. */
    public static String managedEndpointPath() {
        return "/webxp/s/" + PROJECT_TOKEN + "/managed-endpoints/" + MANAGED_ENDPOINT_ID;
    }

    /** The demo installation's {@code fields} setting. */
    public static String demoFieldsJson() {
        return "["
                + "{\"type\":\"property\",\"property\":\"first_name\",\"label\":\"First name\"},"
                + "{\"type\":\"property\",\"property\":\"last_name\",\"label\":\"Last name\"},"
                + "{\"type\":\"aggregate\",\"id\":\"" + LTV_AGGREGATE_ID + "\",\"label\":\"Lifetime value\",\"role\":\"ltv\",\"format\":\"money\"},"
                + "{\"type\":\"property\",\"property\":\"rfm_segment\",\"label\":\"RFM segment\",\"role\":\"rfm\"},"
                + "{\"type\":\"property\",\"property\":\"loyalty_tier\",\"label\":\"Loyalty tier\",\"role\":\"loyalty\"},"
                + "{\"type\":\"property\",\"property\":\"loyalty_points\",\"label\":\"Loyalty points\",\"format\":\"number\"},"
                + "{\"type\":\"segmentation\",\"id\":\"" + EMAIL_ENGAGEMENT_SEGMENTATION_ID + "\",\"label\":\"Email engagement\"},"
                + "{\"type\":\"aggregate\",\"id\":\"" + ORDERS_AGGREGATE_ID + "\",\"label\":\"Orders\",\"format\":\"number\"},"
                + "{\"type\":\"aggregate\",\"id\":\"" + AVERAGE_ORDER_AGGREGATE_ID + "\",\"label\":\"Average order\",\"format\":\"money\"},"
                + "{\"type\":\"expression\",\"id\":\"" + LAST_PURCHASE_EXPRESSION_ID + "\",\"label\":\"Last purchase\",\"format\":\"date\"},"
                + "{\"type\":\"prediction\",\"id\":\"" + CHURN_PREDICTION_ID + "\",\"label\":\"Churn risk\",\"format\":\"percent\"},"
                + "{\"type\":\"id\",\"id\":\"cookie\",\"label\":\"Cookies\"},"
                + "{\"type\":\"consent\",\"category\":\"newsletter\",\"mode\":\"valid\",\"label\":\"Newsletter consent\"},"
                + "{\"type\":\"recommendation\",\"id\":\"" + RECOMMENDATION_MODEL_ID + "\",\"label\":\"Recommended for them\",\"size\":3,\"fillWithRandom\":true}"
                + "]";
    }
}
