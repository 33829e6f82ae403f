package io.engagementbridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test data kept in resource files that grow a line at a time; blank lines and "# " comments are skipped. */
public final class DataFiles {
    private DataFiles() {
    }

    /** The data lines, exactly as written (leading and trailing spaces can be part of the data). */
    public static List<String> lines(String resource) {
        try (var in = DataFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.equals("#") && !line.startsWith("# "))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
