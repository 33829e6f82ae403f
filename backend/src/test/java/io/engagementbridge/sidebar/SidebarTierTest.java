package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.TestBackends;
import io.javalin.testtools.JavalinTest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import static io.engagementbridge.TestBackends.attributesAnswer;
import static io.engagementbridge.TestBackends.dataApiRequest;
import static io.engagementbridge.sidebar.SidebarDataApiTest.open;
import static org.assertj.core.api.Assertions.assertThat;

/** The customer-value tier badge: first in the profile, with its reason, and what "Apply suggested priority" would write. */
final class SidebarTierTest {
    private static final String PROFILE_START = "<section class=\"eb-sidebar\" data-state=\"profile\">";

    @StartStop
    private final MockWebServer engagement = new MockWebServer();
    private final TestBackends backends = new TestBackends();

    private String sidebar(ObjectNode request, String answer) {
        engagement.enqueue(new MockResponse.Builder().body(answer).build());
        var html = new String[1];
        JavalinTest.test(backends.app(), (server, client) -> html[0] = open(client, request.toString()).body().string());
        return html[0];
    }

    private ObjectNode request(String email) {
        return dataApiRequest(engagement.url("/"), email);
    }

    private static String badge(String name, String reason) {
        return "<span class=\"eb-tier-name\">" + name + "</span> · <span class=\"eb-tier-reason\">" + reason + "</span>";
    }

    @Test
    void vip_customer_sees_the_tier_badge_first_with_ltv_and_threshold() {
        var html = sidebar(request("ada@example.com"), attributesAnswer("Ada", "Lovelace", "London", 12845.5, "Champions", "Platinum"));
        assertThat(html.substring(html.indexOf(PROFILE_START) + PROFILE_START.length()).strip())
                .as("the badge comes before everything else").startsWith("<div class=\"eb-tier eb-tier-urgent\"");
        assertThat(html).contains(badge("VIP", "LTV $12,845.50 ≥ $5,000"), "Suggested priority: Urgent",
                "data-priority=\"urgent\"", "data-tag=\"cdp_tier_1_vip\"", "data-field-value=\"cdp_tier_1_vip\"");
        assertThat(html).as("no tier ticket field configured").doesNotContain("data-field-id");
        assertThat(html).containsPattern("<button type=\"button\" class=\"eb-button eb-tier-apply\" data-eb-action=\"apply-priority\" hidden\\s+"
                + "data-applied-label=\"Suggested priority applied\">Apply suggested priority</button>");
    }

    @Test
    void standard_customer_sees_the_fallback_tier_and_normal_priority() {
        var html = sidebar(request("alan@example.com"), attributesAnswer("Alan", "Turing", "Wilmslow", 89.99, "At Risk", "Bronze"));
        assertThat(html).contains(badge("Standard", "No higher tier matched"), "Suggested priority: Normal",
                "data-priority=\"normal\"", "data-tag=\"cdp_tier_3_standard\"");
    }

    @Test
    void segment_reason_names_the_segment() {
        var html = sidebar(request("grace@example.com"), attributesAnswer("Grace", "Hopper", "Arlington", 900, "Loyal Customers", "Silver"));
        assertThat(html).contains(badge("High value", "RFM segment Loyal Customers"), "data-priority=\"high\"");
    }

    @Test
    void unknown_customer_shows_no_tier_badge_only_the_not_found_message() {
        engagement.enqueue(new MockResponse.Builder().code(404)
                .body("{\"errors\":{\"_global\":[\"Customer does not exist\"]},\"success\":false}").build());
        JavalinTest.test(backends.app(), (server, client) -> {
            var html = open(client, request("nobody@example.com").toString()).body().string();
            assertThat(html).contains("data-state=\"not-found\"", "No Engagement customer found").doesNotContain("eb-tier", "apply-priority");
        });
    }

    @Test
    void configured_tier_ticket_field_reaches_the_button() {
        var request = request("ada@example.com");
        ((ObjectNode) request.get("settings")).put("tier_ticket_field_id", "360012345678");
        var html = sidebar(request, attributesAnswer("Ada", "Lovelace", "London", 12845.5, "Champions", "Platinum"));
        assertThat(html).contains("data-field-id=\"360012345678\"");
    }

    @Test
    void admins_own_tiers_show_their_names_and_tags() {
        var request = request("ada@example.com");
        ((ObjectNode) request.get("settings")).put("priority_rules", """
                [{"name":"Gold club","priority":"high","tag":"club_1_gold","when":{"loyalty_in":["Platinum","Gold"]}},
                 {"name":"Others","priority":"low","tag":"club_2_rest"}]""");
        var html = sidebar(request, attributesAnswer("Ada", "Lovelace", "London", 12845.5, "Champions", "Platinum"));
        assertThat(html).contains(badge("Gold club", "Loyalty tier Platinum"), "data-tag=\"club_1_gold\"", "data-priority=\"high\"")
                .doesNotContain("VIP");
    }

    @Test
    void german_agent_sees_the_badge_in_german_with_german_money() {
        var request = request("ada@example.com");
        ((ObjectNode) request.get("agent")).put("locale", "de-DE");
        var html = sidebar(request, attributesAnswer("Ada", "Lovelace", "London", 12845.5, "Champions", "Platinum"))
                .replace('\u00a0', ' ');
        assertThat(html).contains(badge("VIP", "CLV 12.845,50 $ ≥ 5.000 $"), "Empfohlene Priorität: Dringend",
                ">Empfohlene Priorität übernehmen</button>");
    }

    @Test
    void managed_endpoint_roles_pin_ltv_on_top_as_money_and_decide_the_tier() {
        var request = request("ada@example.com");
        var settings = (ObjectNode) request.get("settings");
        settings.remove("fields");
        settings.put("managed_endpoint_url", engagement.url("/webxp/s/demo-project/managed-endpoints/sidebar-me").toString());
        settings.put("managed_endpoint_roles", "{\"Spend\":\"ltv\",\"Segment\":\"rfm\"}");
        var html = sidebar(request, "{\"Name\":\"Ada\",\"Segment\":\"Hibernating\",\"Spend\":6200}");
        assertThat(html).contains(badge("VIP", "LTV $6,200.00 ≥ $5,000"));
        assertThat(html).containsSubsequence("eb-headline", "Spend", "$6,200.00", "Segment", "Hibernating", "eb-fields", "Name", "Ada");
    }
}
