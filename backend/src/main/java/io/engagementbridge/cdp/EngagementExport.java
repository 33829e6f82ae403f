package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.priority.CustomerRoles;
import io.engagementbridge.priority.Provisioning;
import io.engagementbridge.priority.TierRules;
import io.engagementbridge.priority.TierRulesParser;
import io.engagementbridge.profile.ProfileValues;
import io.engagementbridge.settings.SettingProblem;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * Customers from Engagement's export-all-customers API ({@code POST /data/v2/projects/{token}/customers/export},
 * {@code table_json}), optionally one segment of a segmentation, as NDJSON identify rows for an import:
 * the hard id ({@code registered}) as userId, e-mail and name, LTV, RFM segment and loyalty tier to the
 * user fields provisioning creates, and the customer's tier decided by the connection's tier rules, so
 * every customer has a tier before their first ticket. The property names come from the connection's
 * {@code settings.cdp.export} ({@code ltv_property}, {@code rfm_property}, {@code loyalty_property}).
 */
public final class EngagementExport implements SyncCommand.EngagementSource {
    private static final MediaType JSON = MediaType.get("application/json");

    private final ConnectionRepository connections;
    private final OkHttpClient http;
    private final HostPolicy policy;
    private final ObjectMapper mapper;
    private final TierRulesParser rulesParser;

    public EngagementExport(ConnectionRepository connections, OkHttpClient http, HostPolicy policy, ObjectMapper mapper) {
        this.connections = connections;
        this.http = http;
        this.policy = policy;
        this.mapper = mapper;
        this.rulesParser = new TierRulesParser(mapper);
    }

    @Override
    public byte[] export(String connectionId, String segmentation, Integer segment) throws IOException {
        var connection = connections.find(connectionId)
                .orElseThrow(() -> new IllegalArgumentException("connection " + connectionId + " does not exist: list them with 'connections list'"));
        var secrets = connections.secrets(connectionId).orElseThrow(() -> new IllegalArgumentException("connection " + connectionId + " has no stored secrets"))
                .secrets();
        var base = HttpUrl.parse(connection.engagementBaseUrl());
        if (base == null) {
            throw new IllegalArgumentException("the connection's Engagement URL is not a URL: fix it with 'connections add'");
        }
        var url = base.newBuilder().encodedPath("/data/v2/projects/" + connection.engagementProjectToken() + "/customers/export").build();
        var rejection = policy.rejection(url);
        if (rejection.isPresent()) {
            throw new IllegalArgumentException("the Engagement URL is not allowed (" + rejection.get() + "): add its host to BRIDGE_ALLOWED_HOSTS");
        }
        var body = mapper.createObjectNode().put("format", "table_json");
        var filter = body.putObject("filter");
        if (segmentation == null) {
            filter.put("type", "all");
        } else {
            filter.put("type", "segment").put("segmentation_id", segmentation).put("segment_index", segment);
        }
        var request = new Request.Builder().url(url).header("Authorization", Credentials.basic(secrets.engagementKeyId(), secrets.engagementKeySecret()))
                .post(RequestBody.create(body.toString(), JSON)).build();
        JsonNode answer;
        try (var response = http.newCall(request).execute()) {
            var text = response.body().string();
            if (response.code() == 401 || response.code() == 403) {
                throw new IllegalArgumentException("Engagement refused the connection's API key (" + response.code()
                        + "): give the key the GDPR > Export customers permission, or store the right key");
            }
            answer = text.isBlank() ? null : mapper.readTree(text);
            if (!response.isSuccessful() || answer == null || !answer.path("success").asBoolean(false)) {
                throw new IllegalArgumentException("Engagement's customer export failed (" + response.code() + ")"
                        + (answer != null && answer.has("errors") ? ": " + answer.get("errors") : "")
                        + (segmentation != null ? "; check --segmentation (the segmentation's id) and --segment (the segment's index from 0)" : ""));
            }
        }
        return ndjson(connection, answer);
    }

    private byte[] ndjson(Connection connection, JsonNode table) {
        var columns = new HashMap<String, Integer>();
        var header = table.path("header");
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).asText(), i);
        }
        var names = connection.settings().path("cdp").path("export");
        var ltvColumn = "properties." + names.path("ltv_property").asText("lifetime_value");
        var rfmColumn = "properties." + names.path("rfm_property").asText("rfm_segment");
        var loyaltyColumn = "properties." + names.path("loyalty_property").asText("loyalty_tier");
        var rules = rules(connection);
        var out = new StringBuilder();
        for (var row : table.path("rows")) {
            var line = mapper.createObjectNode();
            var registered = cell(row, columns, "ids.registered");
            if (registered != null) {
                line.put("userId", registered);
            }
            var traits = line.putObject("traits");
            putText(traits, "email", cell(row, columns, "properties.email"));
            putText(traits, "firstName", cell(row, columns, "properties.first_name"));
            putText(traits, "lastName", cell(row, columns, "properties.last_name"));
            var ltv = ProfileValues.decimal(cellNode(row, columns, ltvColumn));
            var rfm = cell(row, columns, rfmColumn);
            var loyalty = cell(row, columns, loyaltyColumn);
            if (ltv != null) {
                traits.put(Provisioning.LTV_FIELD_KEY, ltv);
            }
            putText(traits, Provisioning.RFM_FIELD_KEY, rfm);
            putText(traits, Provisioning.LOYALTY_FIELD_KEY, loyalty);
            rules.evaluate(new CustomerRoles(ltv, rfm, loyalty)).ifPresent(match -> traits.put(Provisioning.TIER_FIELD_KEY, match.tier().value()));
            out.append(line).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private TierRules rules(Connection connection) {
        var setting = connection.settings().path(TierRulesParser.SETTING);
        var problems = new ArrayList<SettingProblem>();
        var rules = rulesParser.parse(setting.isMissingNode() || setting.isNull() ? null : setting.isTextual() ? setting.asText() : setting.toString(),
                problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the connection's priority_rules are invalid: " + problems.get(0).message());
        }
        return rules;
    }

    private static JsonNode cellNode(JsonNode row, java.util.Map<String, Integer> columns, String column) {
        var index = columns.get(column);
        return index == null ? null : row.get(index);
    }

    private static String cell(JsonNode row, java.util.Map<String, Integer> columns, String column) {
        var value = cellNode(row, columns, column);
        return value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank() ? null : value.asText();
    }

    private static void putText(com.fasterxml.jackson.databind.node.ObjectNode traits, String name, String value) {
        if (value != null) {
            traits.put(name, value);
        }
    }
}
