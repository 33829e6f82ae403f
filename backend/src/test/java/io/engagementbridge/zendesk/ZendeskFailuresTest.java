package io.engagementbridge.zendesk;

import io.engagementbridge.App;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.logging.SecretLeakGuard;
import io.engagementbridge.zendesk.ZendeskFailure.BadRequest;
import io.engagementbridge.zendesk.ZendeskFailure.Conflict;
import io.engagementbridge.zendesk.ZendeskFailure.DuplicateValue;
import io.engagementbridge.zendesk.ZendeskFailure.FieldError;
import io.engagementbridge.zendesk.ZendeskFailure.Forbidden;
import io.engagementbridge.zendesk.ZendeskFailure.ForbiddenReason;
import io.engagementbridge.zendesk.ZendeskFailure.Invalid;
import io.engagementbridge.zendesk.ZendeskFailure.Limit;
import io.engagementbridge.zendesk.ZendeskFailure.NotAllowed;
import io.engagementbridge.zendesk.ZendeskFailure.NotFound;
import io.engagementbridge.zendesk.ZendeskFailure.RateLimited;
import io.engagementbridge.zendesk.ZendeskFailure.ServerError;
import io.engagementbridge.zendesk.ZendeskFailure.Transport;
import io.engagementbridge.zendesk.ZendeskFailure.Unreadable;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.engagementbridge.zendesk.ZendeskFixtures.API_TOKEN;
import static io.engagementbridge.zendesk.ZendeskFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each failure class from the bodies Zendesk really sends (quoted in the API reference), with its fix hint. */
final class ZendeskFailuresTest {
    @StartStop
    private final MockWebServer zendesk = new MockWebServer();

    private ZendeskClient client() {
        return ZendeskFixtures.apiTokenClient(zendesk);
    }

    private ZendeskFailure failureOf(Runnable call) {
        return catchThrowableOfType(ZendeskException.class, call::run).failure();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode user() {
        return App.mapper().createObjectNode().put("name", "Roger").put("email", "roge@example.org");
    }

    @Test
    void badly_formatted_email_is_invalid_naming_the_field() {
        zendesk.enqueue(json(422, "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\",\"details\":{\"email\":[{\"description\":\"Email: badmail is not properly formatted\"}]}}"));

        var failure = failureOf(() -> client().createOrUpdateUser(user()));

        assertThat(failure).isInstanceOfSatisfying(Invalid.class, invalid -> {
            assertThat(invalid.errors()).containsExactly(new FieldError("email", "", "Email: badmail is not properly formatted"));
            assertThat(invalid.hint()).contains("email");
        });
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void missing_requester_name_on_a_new_ticket_is_invalid_naming_requester() {
        zendesk.enqueue(json(422, "{\"details\":{\"requester\":[{\"description\":\"Requester: Name:  is too short (minimum is 1 character)\"}]},\"error\":\"RecordInvalid\"}"));

        var failure = failureOf(() -> client().createTicket("key-1", App.mapper().createObjectNode().put("subject", "Hi")));

        assertThat(failure).isInstanceOfSatisfying(Invalid.class, invalid -> {
            assertThat(invalid.errors()).extracting(FieldError::field).containsExactly("requester");
            assertThat(invalid.errors().get(0).description()).contains("too short");
        });
    }

    @Test
    void email_of_another_user_is_a_duplicate_value_with_the_value() {
        zendesk.enqueue(json(422, "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\",\"details\":{\"email\":[{\"description\":\"Email: duplicate@email.com is already being used by another user\",\"error\":\"DuplicateValue\"}]}}"));

        var failure = failureOf(() -> client().createOrUpdateUser(user()));

        assertThat(failure).isInstanceOfSatisfying(DuplicateValue.class, duplicate -> {
            assertThat(duplicate.field()).isEqualTo("email");
            assertThat(duplicate.value()).isEqualTo("duplicate@email.com");
            assertThat(duplicate.hint()).contains("merge");
        });
    }

    @Test
    void per_user_429_in_plain_text_is_rate_limited_on_user_writes_with_its_retry_after() {
        zendesk.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "text/plain; charset=UTF-8").addHeader("Retry-After", "27")
                .addHeader("X-Rate-Limit", "700").addHeader("X-Rate-Limit-Remaining", "668")
                .body("You have exceeded the rate limit for updating a single unique user. user email:  id:  external_id: ").build());

        var failure = failureOf(() -> client().createOrUpdateUser(user()));

        assertThat(failure).isEqualTo(new RateLimited(Limit.USER_WRITES, Duration.ofSeconds(27), ((RateLimited) failure).hint()));
        assertThat(failure.hint()).contains("5 writes per minute");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void a_long_retry_after_is_kept_as_zendesk_said() {
        zendesk.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").addHeader("X-Rate-Limit-Remaining", "0").build());

        assertThat(failureOf(() -> client().showUser(1))).isInstanceOfSatisfying(RateLimited.class,
                limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void account_429_says_the_account_budget_is_spent() {
        zendesk.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "13").addHeader("X-Rate-Limit", "700")
                .addHeader("X-Rate-Limit-Remaining", "0")
                .body("{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed API requests per minute exceeded\"}").build());

        assertThat(failureOf(() -> client().showUser(1))).isInstanceOfSatisfying(RateLimited.class, limited -> {
            assertThat(limited.limit()).isEqualTo(Limit.ACCOUNT);
            assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(13));
            assertThat(limited.hint()).contains("plan_requests_per_minute");
        });
    }

    @Test
    void edge_protection_429_without_retry_after_waits_the_default_minute() {
        zendesk.enqueue(json(429, "{\"detail\":\"Rate limited by Zendesk edge protection\",\"status\":\"429\",\"title\":\"Automated response\"}"));

        assertThat(failureOf(() -> client().showUser(1))).isInstanceOfSatisfying(RateLimited.class,
                limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
    }

    @Test
    void ticket_update_429_names_the_update_ticket_limit_and_bulk_429_the_job_limit() {
        zendesk.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "20").addHeader("X-Rate-Limit-Remaining", "512").build());
        zendesk.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").addHeader("X-Rate-Limit-Remaining", "511").build());

        assertThat(failureOf(() -> client().updateTicket(7, App.mapper().createObjectNode().put("priority", "high"))))
                .isInstanceOfSatisfying(RateLimited.class, limited -> assertThat(limited.limit()).isEqualTo(Limit.TICKET_UPDATES));
        assertThat(failureOf(() -> client().createOrUpdateManyUsers(List.of(user()))))
                .isInstanceOfSatisfying(RateLimited.class, limited -> assertThat(limited.limit()).isEqualTo(Limit.JOBS));
    }

    @Test
    void forbidden_bulk_import_says_imports_are_not_enabled() {
        zendesk.enqueue(json(403, "{\"error\":\"Forbidden\",\"description\":\"You do not have access to this page. Please contact the account owner of this help desk for further help.\"}"));

        assertThat(failureOf(() -> client().createOrUpdateManyUsers(List.of(user())))).isInstanceOfSatisfying(Forbidden.class, forbidden -> {
            assertThat(forbidden.reason()).isEqualTo(ForbiddenReason.BULK_IMPORTS_DISABLED);
            assertThat(forbidden.hint()).contains("Customer Support");
        });
    }

    @Test
    void forbidden_for_a_missing_scope_or_a_shared_user_says_which() {
        zendesk.enqueue(json(403, "{\"error\":\"Forbidden\",\"description\":\"You are missing the following required scopes: write\"}"));
        // The body of the shared-user 403 is not documented; Zendesk's docs only say shared users return 403 on update.
        zendesk.enqueue(json(403, "{\"error\":\"Forbidden\",\"description\":\"This user is shared and cannot be updated from this account\"}"));
        zendesk.enqueue(json(403, "{\"error\":\"Forbidden\",\"description\":\"You do not have access to this page.\"}"));

        assertThat(((Forbidden) failureOf(() -> client().updateUser(1, user()))).reason()).isEqualTo(ForbiddenReason.MISSING_SCOPE);
        assertThat(((Forbidden) failureOf(() -> client().updateUser(1, user()))).reason()).isEqualTo(ForbiddenReason.SHARED_USER);
        var other = (Forbidden) failureOf(() -> client().updateUser(1, user()));
        assertThat(other.reason()).isEqualTo(ForbiddenReason.OTHER);
        assertThat(other.hint()).contains("admin");
    }

    @Test
    void missing_record_is_not_found() {
        zendesk.enqueue(json(404, "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}"));

        assertThat(failureOf(() -> client().showUser(404))).isInstanceOf(NotFound.class);
    }

    @Test
    void stale_safe_update_is_a_conflict_that_says_read_again() {
        zendesk.enqueue(json(409, "{\"error\":\"DatabaseConflict\",\"description\":\"Database collision\"}"));

        var failure = failureOf(() -> client().safeUpdateTicket(7, "2026-11-21T10:00:00Z", App.mapper().createObjectNode().put("priority", "urgent")));

        assertThat(failure).isInstanceOfSatisfying(Conflict.class, conflict -> assertThat(conflict.hint()).contains("read it again"));
    }

    @Test
    void reused_idempotency_key_with_another_payload_is_a_bad_request_naming_the_key() {
        zendesk.enqueue(json(400, "{\"error\":\"IdempotentRequestError\",\"description\":\"Idempotency key was used with a different request\"}"));

        assertThat(failureOf(() -> client().createTicket("key-1", App.mapper().createObjectNode().put("subject", "Hi"))))
                .isInstanceOfSatisfying(BadRequest.class, bad -> {
                    assertThat(bad.error()).isEqualTo("IdempotentRequestError");
                    assertThat(bad.hint()).contains("Idempotency-Key");
                });
    }

    @Test
    void server_error_carries_its_status_and_retry_after() {
        zendesk.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "10").body("Service Unavailable").build());

        var failure = failureOf(() -> client().showUser(1));

        assertThat(failure).isInstanceOfSatisfying(ServerError.class, error -> {
            assertThat(error.status()).isEqualTo(503);
            assertThat(error.retryAfter()).contains(Duration.ofSeconds(10));
        });
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void html_instead_of_json_is_unreadable_and_a_redirect_is_not_followed() {
        zendesk.enqueue(new MockResponse.Builder().code(200).body("<html>Help Center</html>").build());
        zendesk.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "http://169.254.169.254/").build());

        assertThat(failureOf(() -> client().showUser(1))).isInstanceOf(Unreadable.class);
        assertThat(failureOf(() -> client().showUser(1))).isInstanceOfSatisfying(Unreadable.class, u -> assertThat(u.problem()).contains("302"));
        assertThat(zendesk.getRequestCount()).isEqualTo(2);
    }

    @Test
    void unreachable_zendesk_is_a_transport_failure() throws Exception {
        var gone = new MockWebServer();
        gone.start();
        var url = gone.url("/");
        gone.close();
        var offline = new ZendeskClient(ZendeskFixtures.HTTP, ZendeskFixtures.LOOPBACK, App.mapper(), Clock.systemUTC(),
                new ZendeskAccount("c", url, new ZendeskAuth.ApiToken("a@b.c", API_TOKEN)), new InMemoryTokenVault(), ResponseObserver.NONE);

        var failure = failureOf(() -> offline.showUser(1));

        assertThat(failure).isInstanceOfSatisfying(Transport.class, t -> assertThat(t.timedOut()).isFalse());
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void non_allowed_or_plain_http_zendesk_urls_are_refused_without_a_connection() {
        var lookups = new AtomicInteger();
        var production = new HostPolicy(List.of("*.zendesk.com"), false);
        var http = HttpClients.upstream(Timeouts.DEFAULTS, production, hostname -> {
            lookups.incrementAndGet();
            throw new UnknownHostException(hostname);
        });
        for (var base : List.of("https://acme.example.com/", "http://acme.zendesk.com/", "https://zendesk.com.evil.example/", "http://127.0.0.1:"
                + zendesk.getPort() + "/")) {
            var refused = new ZendeskClient(http, production, App.mapper(), Clock.systemUTC(),
                    new ZendeskAccount("c", HttpUrl.get(base), new ZendeskAuth.ApiToken("a@b.c", API_TOKEN)), new InMemoryTokenVault(), ResponseObserver.NONE);
            assertThat(failureOf(() -> refused.showUser(1))).as(base).isInstanceOfSatisfying(NotAllowed.class,
                    n -> assertThat(n.hint()).contains("zendesk.com"));
        }
        assertThat(lookups).hasValue(0);
        assertThat(zendesk.getRequestCount()).isZero();
    }

    @Test
    void a_failure_is_logged_as_one_line_without_the_body_or_a_stack_trace() {
        zendesk.enqueue(json(422, "{\"error\":\"RecordInvalid\",\"details\":{\"notes\":[{\"description\":\"Notes: token " + API_TOKEN + " is too long\"}]},\"secret_echo\":\"" + API_TOKEN + "\"}"));
        var before = SecretLeakGuard.captured().length();

        failureOf(() -> client().updateUser(99, user()));

        var logged = SecretLeakGuard.captured().substring(before);
        assertThat(logged.lines().filter(l -> l.contains("ZendeskClient"))).singleElement().asString().contains("PUT /api/v2/users/99: 422");
        assertThat(logged).doesNotContain("secret_echo", "\tat ", "Exception");
    }
}
