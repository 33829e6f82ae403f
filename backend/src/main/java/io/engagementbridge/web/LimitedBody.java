package io.engagementbridge.web;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read up to a limit of the endpoint's own (the server-wide request limit is smaller than a
 * CDP batch or an import): a declared or actual size over it answers 413 with the endpoint's advice.
 */
public final class LimitedBody {
    private LimitedBody() {
    }

    public static byte[] read(Context ctx, int maxBytes, String tooLarge) throws IOException {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw new ApiException(413, tooLarge);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            var bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ApiException(413, tooLarge);
            }
            return bytes;
        }
    }
}
