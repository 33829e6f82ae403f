package io.engagementbridge.sidebar;

import io.engagementbridge.engagement.Credentials;
import io.engagementbridge.settings.SettingProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads the key pair that Zendesk's secure proxy fills into request headers. */
public final class SecureHeaders {
    public static final String KEY_ID = "X-Engagement-Key-Id";
    public static final String KEY_SECRET = "X-Engagement-Key-Secret";
    private static final int MAX_LENGTH = 512;

    private SecureHeaders() {
    }

    public static List<SettingProblem> problems(Function<String, String> header) {
        var problems = new ArrayList<SettingProblem>();
        check(header.apply(KEY_ID), "engagement_api_key_id", "API key ID", problems);
        check(header.apply(KEY_SECRET), "engagement_api_key_secret", "API secret", problems);
        return problems;
    }

    public static Credentials credentials(Function<String, String> header) {
        return new Credentials(header.apply(KEY_ID).trim(), header.apply(KEY_SECRET).trim());
    }

    private static void check(String value, String setting, String what, List<SettingProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new SettingProblem(setting, "Enter the private " + what + " from Engagement (Project settings › Access management › API)."));
        } else if (value.contains("{{")) {
            problems.add(new SettingProblem(setting, "Zendesk did not fill in the secure " + what
                    + ". Save it in the app settings, and make sure the backend host is in the manifest's domainWhitelist."));
        } else if (value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            problems.add(new SettingProblem(setting, "The " + what + " is not in the expected format; paste it again from Engagement."));
        }
    }
}
