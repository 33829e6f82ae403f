package io.engagementbridge.ops;

import io.engagementbridge.web.ApiException;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Before-handler of the operator API: a bearer token equal to BRIDGE_ADMIN_TOKEN, compared in constant time. */
public final class AdminToken {
    private final byte[] expected;

    public AdminToken(String token) {
        this.expected = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    public void check(Context ctx) {
        if (expected == null) {
            throw new ApiException(404, "The operator API is off: set BRIDGE_ADMIN_TOKEN to turn it on");
        }
        var header = ctx.header("Authorization");
        var given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(expected, given)) {
            throw new ApiException(401, "Send the operator token as `Authorization: Bearer <BRIDGE_ADMIN_TOKEN>`");
        }
    }
}
