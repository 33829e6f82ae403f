package io.engagementbridge.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.priority.TierRulesParser;
import okhttp3.HttpUrl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the installation's raw settings into {@link InstallationSettings}, collecting every problem
 * with a message that names the setting and the fix, so an admin can correct all of them at once.
 */
public final class SettingsParser {
    public static final int MAX_FIELDS = 100;
    static final Set<String> FORMATS = Set.of("money", "number", "percent", "date", "datetime", "duration", "boolean");
    private static final Map<String, String> REQUIRED_KEY_BY_TYPE = Map.of(
            "property", "property", "id", "id", "segmentation", "id", "aggregate", "id",
            "expression", "id", "prediction", "id", "recommendation", "id", "consent", "category");
    private static final Set<String> PRESENTATION_KEYS = Set.of("label", "role", "format");
    private static final Pattern ID_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern PROJECT_TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-]{7,63}");
    private static final Pattern MANAGED_ENDPOINT_PATH = Pattern.compile("/webxp/s/[^/]+/managed-endpoints/[^/]+/?");
    private static final String FIELDS_EXAMPLE =
            "[{\"type\":\"property\",\"property\":\"first_name\",\"label\":\"First name\"}]";

    private static final String ROLES_EXAMPLE = "{\"Lifetime value\":\"ltv\",\"RFM segment\":\"rfm\",\"Loyalty tier\":\"loyalty\"}";
    private static final Pattern FIELD_ID = Pattern.compile("[0-9]{1,18}");

    private final HostPolicy hostPolicy;
    private final ObjectMapper mapper;
    private final TierRulesParser tierRules;

    public SettingsParser(HostPolicy hostPolicy, ObjectMapper mapper) {
        this.hostPolicy = hostPolicy;
        this.mapper = mapper;
        this.tierRules = new TierRulesParser(mapper);
    }

    public InstallationSettings parse(JsonNode raw) {
        return parse(raw, List.of());
    }

    /** Parses, adding {@code known} problems (found elsewhere, e.g. in the secure headers) to the report. */
    public InstallationSettings parse(JsonNode raw, List<SettingProblem> known) {
        var problems = new ArrayList<SettingProblem>(known);
        var baseUrl = upstreamUrl(raw, "engagement_api_base_url", true, problems);
        if (baseUrl != null && !baseUrl.encodedPath().equals("/")) {
            problems.add(new SettingProblem("engagement_api_base_url",
                    "Use only the API host, e.g. https://api.exponea.com, without a path (found " + baseUrl.encodedPath() + ")."));
        }
        var token = projectToken(raw, problems);
        var customerIdName = idName(raw, "customer_id_name", "registered", problems);
        var externalIdName = idName(raw, "external_id_name", "", problems);
        var managedEndpoint = upstreamUrl(raw, "managed_endpoint_url", false, problems);
        if (managedEndpoint != null && !MANAGED_ENDPOINT_PATH.matcher(managedEndpoint.encodedPath()).matches()) {
            problems.add(new SettingProblem("managed_endpoint_url",
                    "Paste the full URL from the Managed Endpoint screen; it looks like https://<api-host>/webxp/s/<project>/managed-endpoints/<id>."));
        }
        var fields = fields(raw, problems);
        if (managedEndpoint == null && fields.isEmpty() && problems.stream().noneMatch(p -> p.setting().equals("fields"))) {
            problems.add(new SettingProblem("fields",
                    "Add at least one attribute to show, e.g. " + FIELDS_EXAMPLE + ", or set managed_endpoint_url."));
        }
        var appUrl = appUrl(raw, problems);
        var currency = currency(raw, problems);
        var priorityRules = tierRules.parse(text(raw, TierRulesParser.SETTING), problems);
        var managedEndpointRoles = managedEndpointRoles(raw, problems);
        var tierTicketFieldId = tierTicketFieldId(raw, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        var title = text(raw, "title");
        return new InstallationSettings(
                title.isEmpty() ? "Engagement profile" : title,
                baseUrl, token, customerIdName, externalIdName, managedEndpoint, fields,
                Arrays.stream(text(raw, "event_types").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                appUrl, currency, priorityRules, managedEndpointRoles, tierTicketFieldId);
    }

    /**
     * Just what a connection test needs (API URL, project token, customer ID name), so an admin can
     * check the key pair while unrelated settings such as fields are still wrong.
     */
    public ConnectionSettings connection(JsonNode raw, List<SettingProblem> known) {
        var problems = new ArrayList<SettingProblem>(known);
        var baseUrl = upstreamUrl(raw, "engagement_api_base_url", true, problems);
        var token = projectToken(raw, problems);
        var customerIdName = idName(raw, "customer_id_name", "registered", problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new ConnectionSettings(baseUrl, token, customerIdName);
    }

    private static String projectToken(JsonNode raw, List<SettingProblem> problems) {
        var token = text(raw, "engagement_project_token");
        if (token.isEmpty()) {
            problems.add(new SettingProblem("engagement_project_token",
                    "Enter the project token from Engagement: Project settings › Access management › API."));
        } else if (!PROJECT_TOKEN.matcher(token).matches()) {
            problems.add(new SettingProblem("engagement_project_token",
                    "This does not look like a project token (letters, digits and dashes, e.g. cc7cc3c6-6b36-a11b-ffaa-52f58fe58f19)."));
        }
        return token;
    }

    private HttpUrl upstreamUrl(JsonNode raw, String name, boolean required, List<SettingProblem> problems) {
        var value = text(raw, name);
        if (value.isEmpty()) {
            if (required) {
                problems.add(new SettingProblem(name, "Enter your Engagement API URL, e.g. https://api.exponea.com (Project settings › Access management › API)."));
            }
            return null;
        }
        var url = HttpUrl.parse(value);
        if (url == null) {
            problems.add(new SettingProblem(name, "This is not a valid URL; it must start with https://."));
            return null;
        }
        var rejection = hostPolicy.rejection(url);
        if (rejection.isPresent()) {
            problems.add(new SettingProblem(name, "This URL " + rejection.get() + ". Use the API URL shown in Engagement, or ask whoever runs the backend to allow it."));
            return null;
        }
        return url;
    }

    private static String idName(JsonNode raw, String name, String fallback, List<SettingProblem> problems) {
        var value = text(raw, name);
        if (value.isEmpty()) {
            return fallback;
        }
        if (!ID_NAME.matcher(value).matches()) {
            problems.add(new SettingProblem(name, "Use the ID's name exactly as in Engagement (letters, digits, _ . -), e.g. registered."));
            return fallback;
        }
        return value;
    }

    private List<FieldSpec> fields(JsonNode raw, List<SettingProblem> problems) {
        var value = text(raw, "fields");
        if (value.isEmpty()) {
            return List.of();
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            problems.add(new SettingProblem("fields", "This is not valid JSON" + SettingProblem.position(e) + ". Paste a JSON array such as " + FIELDS_EXAMPLE + "."));
            return List.of();
        }
        var list = parsed != null && parsed.isObject() && parsed.has("fields") ? parsed.get("fields") : parsed;
        if (list == null || !list.isArray()) {
            problems.add(new SettingProblem("fields", "Expected a JSON array of attributes (or {\"fields\": [...]}), e.g. " + FIELDS_EXAMPLE + "."));
            return List.of();
        }
        if (list.size() > MAX_FIELDS) {
            problems.add(new SettingProblem("fields", "At most " + MAX_FIELDS + " attributes can be shown; found " + list.size() + "."));
            return List.of();
        }
        var specs = new ArrayList<FieldSpec>();
        for (int i = 0; i < list.size(); i++) {
            var spec = fieldSpec(list.get(i), i + 1, problems);
            if (spec != null) {
                specs.add(spec);
            }
        }
        return specs;
    }

    private static FieldSpec fieldSpec(JsonNode node, int position, List<SettingProblem> problems) {
        var where = "Attribute " + position + ": ";
        if (!node.isObject()) {
            problems.add(new SettingProblem("fields", where + "expected an object like " + FIELDS_EXAMPLE.substring(1, FIELDS_EXAMPLE.length() - 1) + "."));
            return null;
        }
        var type = node.path("type").asText("");
        var requiredKey = REQUIRED_KEY_BY_TYPE.get(type);
        if (requiredKey == null) {
            problems.add(new SettingProblem("fields", where + "unknown type '" + type + "'; use one of "
                    + String.join(", ", REQUIRED_KEY_BY_TYPE.keySet().stream().sorted().toList()) + "."));
            return null;
        }
        if (node.path(requiredKey).asText("").isBlank()) {
            problems.add(new SettingProblem("fields", where + "a " + type + " attribute needs \"" + requiredKey + "\"."));
            return null;
        }
        var role = node.path("role").asText("");
        FieldRole fieldRole = null;
        if (!role.isEmpty()) {
            try {
                fieldRole = FieldRole.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new SettingProblem("fields", where + "role must be ltv, rfm or loyalty, not '" + role + "'."));
                return null;
            }
        }
        var format = node.path("format").asText("");
        if (!format.isEmpty() && !FORMATS.contains(format)) {
            problems.add(new SettingProblem("fields", where + "format must be one of " + String.join(", ", FORMATS.stream().sorted().toList()) + "."));
            return null;
        }
        var attribute = ((ObjectNode) node).deepCopy();
        attribute.remove(PRESENTATION_KEYS);
        var label = node.path("label").asText("");
        return new FieldSpec(attribute, label.isBlank() ? node.path(requiredKey).asText() : label, fieldRole,
                format.isEmpty() ? defaultFormat(type, node.path("mode").asText(""), fieldRole) : format);
    }

    /** Sensible formats when the admin gives none: LTV is money, a prediction a probability, consent times are dates. */
    private static String defaultFormat(String type, String mode, FieldRole role) {
        if (role == FieldRole.LTV) {
            return "money";
        }
        if (type.equals("prediction")) {
            return "percent";
        }
        return type.equals("consent") && (mode.equals("timestamp") || mode.equals("until")) ? "datetime" : "";
    }

    /** Which Managed Endpoint keys are LTV, RFM and loyalty, so they show first (LTV as money) and drive the tier. */
    private Map<String, FieldRole> managedEndpointRoles(JsonNode raw, List<SettingProblem> problems) {
        var value = text(raw, "managed_endpoint_roles");
        if (value.isEmpty()) {
            return Map.of();
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            problems.add(new SettingProblem("managed_endpoint_roles",
                    "Expected a JSON object from your Managed Endpoint's keys to ltv, rfm or loyalty, e.g. " + ROLES_EXAMPLE + "."));
            return Map.of();
        }
        var roles = new LinkedHashMap<String, FieldRole>();
        var seen = EnumSet.noneOf(FieldRole.class);
        parsed.fields().forEachRemaining(entry -> {
            var role = entry.getValue().isTextual() ? roleNamed(entry.getValue().asText()) : null;
            if (role == null) {
                problems.add(new SettingProblem("managed_endpoint_roles",
                        "The key '" + entry.getKey() + "' must map to ltv, rfm or loyalty, not " + entry.getValue() + "."));
            } else if (!seen.add(role)) {
                problems.add(new SettingProblem("managed_endpoint_roles",
                        "Only one key can be " + role.name().toLowerCase(Locale.ROOT) + "; '" + entry.getKey() + "' is the second."));
            } else {
                roles.put(entry.getKey(), role);
            }
        });
        return Map.copyOf(roles);
    }

    private static FieldRole roleNamed(String name) {
        try {
            return FieldRole.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Long tierTicketFieldId(JsonNode raw, List<SettingProblem> problems) {
        var value = text(raw, "tier_ticket_field_id");
        if (value.isEmpty()) {
            return null;
        }
        if (!FIELD_ID.matcher(value).matches()) {
            problems.add(new SettingProblem("tier_ticket_field_id",
                    "Enter the numeric ID of the ticket field (Admin Center › Objects and rules › Tickets › Fields), e.g. 360012345678, or leave it empty."));
            return null;
        }
        return Long.parseLong(value);
    }

    private static HttpUrl appUrl(JsonNode raw, List<SettingProblem> problems) {
        var value = text(raw, "engagement_app_url");
        if (value.isEmpty()) {
            return null;
        }
        var url = HttpUrl.parse(value);
        if (url == null || !url.username().isEmpty()) {
            problems.add(new SettingProblem("engagement_app_url", "Enter the Engagement app URL of your project, e.g. https://app.exponea.com/p/my-project."));
            return null;
        }
        return url;
    }

    private static Currency currency(JsonNode raw, List<SettingProblem> problems) {
        var value = text(raw, "currency").toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            return Currency.getInstance("USD");
        }
        try {
            if (value.length() == 3) {
                return Currency.getInstance(value);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        problems.add(new SettingProblem("currency", "Use a three-letter ISO 4217 code such as USD, EUR or GBP (found '" + value + "')."));
        return Currency.getInstance("USD");
    }

    private static String text(JsonNode raw, String name) {
        var node = raw == null ? null : raw.get(name);
        return node == null || node.isNull() || node.isContainerNode() ? "" : node.asText().trim();
    }
}
