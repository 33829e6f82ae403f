package io.engagementbridge.web;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class RedactionTest {

    private static Javalin echoingRedactedText() {
        return Javalin.create(config -> config.routes.post("/", ctx -> ctx.result(Redaction.redact(ctx, ctx.body()))));
    }

    @Test
    void the_requests_own_key_pair_is_masked_wherever_it_appears() {
        JavalinTest.test(echoingRedactedText(), (server, client) -> {
            var text = client.post("/", "upstream said: key k-123456 with secret s-abcdef rejected", req -> req
                    .header("X-Engagement-Key-Id", "k-123456").header("X-Engagement-Key-Secret", "s-abcdef")).body().string();
            assertThat(text).isEqualTo("upstream said: key *** with secret *** rejected");
        });
    }

    @Test
    void bearer_basic_and_jwt_shaped_strings_are_masked() {
        JavalinTest.test(echoingRedactedText(), (server, client) -> {
            var text = client.post("/", "Authorization: Basic a2V5OnNlY3JldA== and eyJhbGciOi.eyJhdWQiOi.c2ln", req -> { }).body().string();
            assertThat(text).doesNotContain("a2V5OnNlY3JldA", "eyJhbGciOi").contains("***");
        });
    }

    @Test
    void redacted_exception_keeps_type_and_stack_but_not_the_secret() {
        JavalinTest.test(Javalin.create(config -> config.routes.get("/", ctx -> {
            var original = new IllegalStateException("bad secret s-abcdef");
            var copy = Redaction.redact(ctx, original);
            ctx.result(copy.getMessage() + "|" + (copy.getStackTrace().length == original.getStackTrace().length));
        })), (server, client) -> assertThat(client.get("/", req -> req.header("X-Engagement-Key-Secret", "s-abcdef")).body().string())
                .isEqualTo("java.lang.IllegalStateException: bad secret ***|true"));
    }
}
