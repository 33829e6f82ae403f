package io.engagementbridge.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Finds secret values, and anything shaped like a JWT, in captured console output. */
final class SecretScanner {
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]+");

    private final List<String> secrets;

    SecretScanner(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** Descriptions of leaks, never the leaked values themselves. */
    List<String> leaks(String output) {
        var found = new ArrayList<String>();
        for (int i = 0; i < secrets.size(); i++) {
            if (output.contains(secrets.get(i))) {
                found.add("known secret #" + i + " (" + secrets.get(i).length() + " chars)");
            }
        }
        if (JWT.matcher(output).find()) {
            found.add("a JWT");
        }
        return found;
    }
}
