package io.engagementbridge.cdp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An audience CSV of {@code rows} customers (userId, email, first and last name, LTV) in which every 27th
 * row, from row 14 on, is bad in one of three ways: an LTV that is not a number (caught before sending),
 * no userId and no e-mail (caught on reading), or no name for a new user (refused by Zendesk in the job).
 */
final class AudienceFile {
    static final String LTV_FIELD = "{\"key\":\"ltv\",\"type\":\"decimal\",\"title\":\"LTV\"}";

    final Path path;
    final Set<String> good = new LinkedHashSet<>();
    final List<Integer> badRows = new ArrayList<>();

    AudienceFile(Path path, int rows) throws IOException {
        this.path = path;
        var lines = new ArrayList<String>();
        lines.add("userId,email,firstName,lastName,ltv");
        int bad = 0;
        for (int i = 0; i < rows; i++) {
            var id = "cust-" + i;
            if (i % 27 == 13) {
                badRows.add(i + 1);
                lines.add(switch (bad++ % 3) {
                    case 0 -> id + "," + id + "@example.com,Bad,Value,lots";
                    case 1 -> ",,Nobody,Known,10";
                    default -> id + "," + id + "@example.com,,,10";
                });
            } else {
                good.add(id);
                lines.add(id + "," + id + "@example.com,First" + i + ",Last" + i + "," + (i * 10 + 0.5));
            }
        }
        Files.write(path, lines);
    }
}
