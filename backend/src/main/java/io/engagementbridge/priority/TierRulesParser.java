package io.engagementbridge.priority;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.settings.SettingProblem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the {@code priority_rules} setting: a JSON array of tiers, best first. Every problem names the
 * tier and what to write instead, so an admin can fix them all at once; empty means {@link TierRules#defaults()}.
 */
public final class TierRulesParser {
    public static final String SETTING = "priority_rules";
    public static final int MAX_TIERS = 20;
    static final String EXAMPLE = "[{\"name\":\"VIP\",\"priority\":\"urgent\",\"tag\":\"cdp_tier_1_vip\",\"when\":{\"ltv_at_least\":5000}},"
            + "{\"name\":\"Standard\",\"priority\":\"normal\",\"tag\":\"cdp_tier_2_standard\"}]";
    private static final Set<String> TIER_KEYS = Set.of("name", "priority", "tag", "when");
    private static final List<String> CONDITIONS = List.of("ltv_at_least", "rfm_in", "loyalty_in");
    /** Zendesk tags are lower case without spaces; this keeps them also safe as drop-down option values. */
    private static final Pattern TAG = Pattern.compile("[a-z0-9_\\-]{1,64}");
    private static final int MAX_NAME = 40;

    private final ObjectMapper mapper;

    public TierRulesParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A connection's tier rules: its {@code priority_rules} setting (text or JSON), else the defaults. */
    public TierRules parse(io.engagementbridge.connection.Connection connection, List<SettingProblem> problems) {
        var setting = connection.settings().path(SETTING);
        return parse(setting.isMissingNode() || setting.isNull() ? null : setting.isTextual() ? setting.asText() : setting.toString(), problems);
    }

    public TierRules parse(String value, List<SettingProblem> problems) {
        if (value == null || value.isBlank()) {
            return TierRules.defaults();
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            return problem(problems, "This is not valid JSON" + SettingProblem.position(e) + ". Paste a JSON array of tiers such as " + EXAMPLE
                    + ", or leave it empty for the default tiers.");
        }
        var list = parsed != null && parsed.isObject() && parsed.has("tiers") ? parsed.get("tiers") : parsed;
        if (list == null || !list.isArray()) {
            return problem(problems, "Expected a JSON array of tiers, best first (or {\"tiers\": [...]}), e.g. " + EXAMPLE + ".");
        }
        if (list.isEmpty()) {
            return problem(problems, "Add at least one tier, e.g. " + EXAMPLE + ", or leave the setting empty for the default tiers.");
        }
        if (list.size() > MAX_TIERS) {
            return problem(problems, "At most " + MAX_TIERS + " tiers are allowed; found " + list.size() + ".");
        }
        var before = problems.size();
        var tiers = new ArrayList<Tier>();
        var tags = new HashSet<String>();
        for (int i = 0; i < list.size(); i++) {
            var tier = tier(list.get(i), "Tier " + (i + 1) + ": ", problems);
            if (tier == null) {
                continue;
            }
            if (!tags.add(tier.tag())) {
                problems.add(new SettingProblem(SETTING, "Tier " + (i + 1) + ": the tag '" + tier.tag()
                        + "' is already used by another tier; give every tier its own tag."));
            }
            if (tier.fallback() && i < list.size() - 1) {
                problems.add(new SettingProblem(SETTING, "Tier " + (i + 1) + " (" + tier.name() + ") has no conditions, so every customer"
                        + " matches it and the tiers after it never apply. Move it to the end, or add \"when\" conditions."));
            }
            tiers.add(tier);
        }
        return problems.size() > before ? TierRules.defaults() : new TierRules(tiers);
    }

    private static Tier tier(JsonNode node, String where, List<SettingProblem> problems) {
        if (!node.isObject()) {
            problems.add(new SettingProblem(SETTING, where + "expected an object like " + EXAMPLE.substring(1, EXAMPLE.indexOf("},{") + 1) + "."));
            return null;
        }
        var count = problems.size();
        var unknown = new ArrayList<String>();
        node.fieldNames().forEachRemaining(key -> {
            if (!TIER_KEYS.contains(key)) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            problems.add(new SettingProblem(SETTING, where + "unknown key " + quoted(unknown) + "; a tier has only name, priority, tag and when."));
        }
        var name = node.path("name");
        if (!name.isTextual() || name.asText().isBlank()) {
            problems.add(new SettingProblem(SETTING, where + "give the tier a \"name\" that agents will see, e.g. \"VIP\"."));
        } else if (name.asText().trim().length() > MAX_NAME) {
            problems.add(new SettingProblem(SETTING, where + "the name is longer than " + MAX_NAME + " characters; agents see it on a small badge."));
        }
        var priorityValue = node.path("priority").asText("");
        var priority = ZendeskPriority.fromValue(priorityValue);
        if (priority.isEmpty()) {
            problems.add(new SettingProblem(SETTING, where + (priorityValue.isEmpty() ? "add a \"priority\"" : "the priority '" + priorityValue + "' is not a Zendesk priority")
                    + "; use one of " + Arrays.stream(ZendeskPriority.values()).map(ZendeskPriority::value).collect(Collectors.joining(", ")) + "."));
        }
        var tag = node.path("tag").asText("");
        if (!TAG.matcher(tag).matches()) {
            problems.add(new SettingProblem(SETTING, where + (tag.isEmpty() ? "add a \"tag\"" : "the tag '" + tag + "' cannot be used")
                    + "; use lower-case letters, digits, _ and - (at most 64), numbered so they sort in tier order, e.g. cdp_tier_1_vip."));
        }
        var conditions = conditions(node.get("when"), where, problems);
        if (problems.size() > count) {
            return null;
        }
        return new Tier(name.asText().trim(), priority.get(), tag, conditions, false);
    }

    private static List<TierCondition> conditions(JsonNode when, String where, List<SettingProblem> problems) {
        if (when == null || when.isNull()) {
            return List.of();
        }
        if (!when.isObject()) {
            problems.add(new SettingProblem(SETTING, where + "\"when\" must be an object such as {\"ltv_at_least\":1000,\"rfm_in\":[\"Champions\"]}."));
            return List.of();
        }
        var conditions = new ArrayList<TierCondition>();
        when.fields().forEachRemaining(entry -> {
            var value = entry.getValue();
            switch (entry.getKey()) {
                case "ltv_at_least" -> {
                    var threshold = value.isNumber() ? value.decimalValue() : null;
                    if (threshold == null || threshold.signum() < 0) {
                        problems.add(new SettingProblem(SETTING, where + "ltv_at_least must be a number of at least 0 without quotes or currency sign, e.g. 5000."));
                    } else {
                        conditions.add(new TierCondition.LtvAtLeast(threshold));
                    }
                }
                case "rfm_in" -> names(value, where, "rfm_in", "[\"Champions\",\"Loyal Customers\"]", problems)
                        .ifPresent(names -> conditions.add(new TierCondition.RfmIn(names)));
                case "loyalty_in" -> names(value, where, "loyalty_in", "[\"Gold\",\"Platinum\"]", problems)
                        .ifPresent(names -> conditions.add(new TierCondition.LoyaltyIn(names)));
                default -> problems.add(new SettingProblem(SETTING, where + "unknown condition '" + entry.getKey() + "'; use "
                        + String.join(", ", CONDITIONS) + "."));
            }
        });
        return conditions;
    }

    private static Optional<List<String>> names(JsonNode value, String where, String key, String example, List<SettingProblem> problems) {
        var names = new ArrayList<String>();
        if (value.isArray()) {
            value.forEach(item -> {
                if (item.isTextual() && !item.asText().isBlank()) {
                    names.add(item.asText().trim());
                }
            });
        }
        if (!value.isArray() || value.isEmpty() || names.size() != value.size()) {
            problems.add(new SettingProblem(SETTING, where + key + " must be a list of names exactly as Engagement shows them, e.g. " + example + "."));
            return Optional.empty();
        }
        return Optional.of(List.copyOf(names));
    }

    private static String quoted(List<String> keys) {
        return keys.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
    }

    private static TierRules problem(List<SettingProblem> problems, String message) {
        problems.add(new SettingProblem(SETTING, message));
        return TierRules.defaults();
    }
}
