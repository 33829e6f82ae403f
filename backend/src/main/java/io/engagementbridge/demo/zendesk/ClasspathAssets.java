package io.engagementbridge.demo.zendesk;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/** Serves files packaged in the zaf-app jar; names are checked so no path can escape its folder. */
final class ClasspathAssets {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "png", "image/png", "svg", "image/svg+xml");

    private ClasspathAssets() {
    }

    static byte[] read(String path) {
        try (InputStream in = ClasspathAssets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new NotFoundResponse("No such file");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    static void serve(Context ctx, String folder, String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new NotFoundResponse("No such file");
        }
        ctx.contentType(contentType(name)).result(read(folder + "/" + name));
    }

    static String contentType(String name) {
        return TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
    }
}
