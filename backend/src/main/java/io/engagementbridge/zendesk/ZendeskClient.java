package io.engagementbridge.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.engagement.RetryAfter;
import io.engagementbridge.zendesk.ZendeskFailure.NotAllowed;
import io.engagementbridge.zendesk.ZendeskFailure.NotFound;
import io.engagementbridge.zendesk.ZendeskFailure.Transport;
import io.engagementbridge.zendesk.ZendeskFailure.Unauthorized;
import io.engagementbridge.zendesk.ZendeskFailure.Unreadable;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Zendesk Support API for one connected account: a method per endpoint, named like the endpoint, taking
 * and returning JSON trees; no business rules. Blocking (callers are background workers). Every failure
 * is thrown as a {@link ZendeskException} carrying a {@link ZendeskFailure}; every response's budget
 * signal goes to the {@link ResponseObserver} (the account's governor). Keep one instance per connection:
 * it serialises that connection's token refreshes.
 */
public final class ZendeskClient {
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
    /** create_or_update_many and the other bulk endpoints take at most this many records. */
    public static final int MAX_BULK = 100;
    private static final java.util.regex.Pattern ENDPOINT_IDS = java.util.regex.Pattern.compile("/(\\d+|[0-9a-f]{20,})(?=/|\\.json|$)");
    private static final int MAX_PAGES = 1_000;
    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Logger LOG = LoggerFactory.getLogger(ZendeskClient.class);

    private final OkHttpClient http;
    private final HostPolicy policy;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ZendeskAccount account;
    private final ResponseObserver observer;
    private final Authorizer authorizer;

    public ZendeskClient(OkHttpClient http, HostPolicy policy, ObjectMapper mapper, Clock clock, ZendeskAccount account,
                         TokenVault vault, ResponseObserver observer) {
        this.http = http;
        this.policy = policy;
        this.mapper = mapper;
        this.clock = clock;
        this.account = account;
        this.observer = observer;
        this.authorizer = Authorizer.of(account, vault, clock, this::grantTokens);
    }

    public ZendeskAccount account() {
        return account;
    }

    // ---- users

    /** {@code POST /api/v2/users/create_or_update}: matched by e-mail or external_id; 201 created, 200 updated. */
    public UserUpsert createOrUpdateUser(JsonNode user) {
        var reply = send(ZendeskRequest.post("/api/v2/users/create_or_update", wrap("user", user)));
        return new UserUpsert(reply.status() == 201, reply.body().path("user"));
    }

    /** {@code PUT /api/v2/users/{id}}. */
    public JsonNode updateUser(long id, JsonNode user) {
        return send(ZendeskRequest.put("/api/v2/users/" + id, wrap("user", user))).body().path("user");
    }

    /** {@code GET /api/v2/users/{id}}. */
    public JsonNode showUser(long id) {
        return send(ZendeskRequest.get("/api/v2/users/" + id)).body().path("user");
    }

    /** {@code GET /api/v2/users/show_many?ids=}: the users that exist, in no promised order. */
    public List<JsonNode> showManyUsersByIds(Collection<Long> ids) {
        return list(send(ZendeskRequest.get("/api/v2/users/show_many", Map.of("ids", joined(ids)))).body(), "users");
    }

    /** {@code GET /api/v2/users/show_many?external_ids=}. */
    public List<JsonNode> showManyUsersByExternalIds(Collection<String> externalIds) {
        return list(send(ZendeskRequest.get("/api/v2/users/show_many", Map.of("external_ids", joined(externalIds)))).body(), "users");
    }

    /** {@code GET /api/v2/users/search?external_id=}: an exact lookup (external ids ignore case). */
    public List<JsonNode> searchUsersByExternalId(String externalId) {
        return list(send(ZendeskRequest.get("/api/v2/users/search", Map.of("external_id", externalId))).body(), "users");
    }

    /**
     * {@code GET /api/v2/users/search?query=email:"…"}. Search is indexed with a delay of up to minutes, so
     * a user created just now may be missing; prefer create_or_update or an external_id lookup for writes.
     */
    public List<JsonNode> searchUsersByEmail(String email) {
        var users = list(send(ZendeskRequest.get("/api/v2/users/search", Map.of("query", "email:\"" + email.replace("\"", "") + "\""))).body(), "users");
        return users.stream().filter(u -> u.path("email").asText("").equalsIgnoreCase(email)).toList();
    }

    /** {@code POST /api/v2/users/{id}/identities}, e.g. {@code {"type":"email","value":"…"}}. */
    public JsonNode addIdentity(long userId, JsonNode identity) {
        return send(ZendeskRequest.post("/api/v2/users/" + userId + "/identities", wrap("identity", identity))).body().path("identity");
    }

    /** {@code POST /api/v2/users/create_or_update_many}: at most 100 users; queues a job (poll it with {@link JobPoller}). */
    public JobStatus createOrUpdateManyUsers(List<? extends JsonNode> users) {
        if (users.isEmpty() || users.size() > MAX_BULK) {
            throw new IllegalArgumentException("create_or_update_many takes 1 to " + MAX_BULK + " users, was " + users.size());
        }
        var body = mapper.createObjectNode();
        body.putArray("users").addAll(users);
        return JobStatus.from(send(ZendeskRequest.post("/api/v2/users/create_or_update_many", body)).body().path("job_status"));
    }

    /** {@code GET /api/v2/job_statuses}: the account's recent jobs, newest first (the first page: 100 jobs). */
    public List<JobStatus> listJobStatuses() {
        return list(send(ZendeskRequest.get("/api/v2/job_statuses")).body(), "job_statuses").stream().map(JobStatus::from).toList();
    }

    /** {@code GET /api/v2/job_statuses/show_many?ids=}. */
    public List<JobStatus> showJobStatuses(Collection<String> ids) {
        return list(send(ZendeskRequest.get("/api/v2/job_statuses/show_many", Map.of("ids", joined(ids)))).body(), "job_statuses")
                .stream().map(JobStatus::from).toList();
    }

    // ---- user fields

    /** {@code GET /api/v2/user_fields}, every page. */
    public List<JsonNode> listUserFields() {
        return listAll("/api/v2/user_fields", "user_fields");
    }

    /** {@code POST /api/v2/user_fields}. */
    public JsonNode createUserField(JsonNode field) {
        return send(ZendeskRequest.post("/api/v2/user_fields", wrap("user_field", field))).body().path("user_field");
    }

    /** {@code DELETE /api/v2/user_fields/{id}}. */
    public void deleteUserField(long id) {
        send(ZendeskRequest.delete("/api/v2/user_fields/" + id));
    }

    // ---- tickets

    /** {@code POST /api/v2/tickets} with {@code Idempotency-Key}: a replay answers with the ticket created the first time. */
    public TicketCreated createTicket(String idempotencyKey, JsonNode ticket) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            throw new IllegalArgumentException("an Idempotency-Key has 1 to 255 characters");
        }
        var reply = send(ZendeskRequest.post("/api/v2/tickets", wrap("ticket", ticket)).withHeader("Idempotency-Key", idempotencyKey));
        return new TicketCreated(reply.body().path("ticket"), "hit".equalsIgnoreCase(reply.headers().get("x-idempotency-lookup")));
    }

    /** {@code PUT /api/v2/tickets/{id}}. */
    public JsonNode updateTicket(long id, JsonNode ticket) {
        return send(ZendeskRequest.put("/api/v2/tickets/" + id, wrap("ticket", ticket))).body().path("ticket");
    }

    /** {@code PUT /api/v2/tickets/{id}} with {@code safe_update}: fails with Conflict (409) when the ticket changed since {@code updatedStamp}. */
    public JsonNode safeUpdateTicket(long id, String updatedStamp, JsonNode ticket) {
        var guarded = ticket.deepCopy();
        ((ObjectNode) guarded).put("safe_update", true).put("updated_stamp", updatedStamp);
        return updateTicket(id, guarded);
    }

    /** {@code GET /api/v2/tickets/{id}}. */
    public JsonNode showTicket(long id) {
        return send(ZendeskRequest.get("/api/v2/tickets/" + id)).body().path("ticket");
    }

    // ---- anything else

    /** Any API call: the answer as status, headers and JSON. Renews OAuth once on 401; throws {@link ZendeskException} on any failure. */
    public ZendeskReply send(ZendeskRequest request) {
        var url = account.baseUrl().newBuilder().encodedPath("/").addPathSegments(request.path().substring(1));
        request.query().forEach(url::addQueryParameter);
        return call(request.method(), url.build(), request.body(), request.headers());
    }

    /** Every item of a cursor-paginated list ({@code links.next} while {@code meta.has_more}, or offset {@code next_page}). */
    public List<JsonNode> listAll(String path, String key) {
        return listAll(path, Map.of(), key);
    }

    /** As {@link #listAll(String, String)}, with query parameters on the first page (e.g. a time window). */
    public List<JsonNode> listAll(String path, Map<String, String> query, String key) {
        var items = new ArrayList<JsonNode>();
        var first = account.baseUrl().newBuilder().encodedPath("/").addPathSegments(path.substring(1));
        query.forEach(first::addQueryParameter);
        var url = first.addQueryParameter("page[size]", "100").build();
        for (int page = 0; url != null && page < MAX_PAGES; page++) {
            var body = call("GET", url, null, Map.of()).body();
            items.addAll(list(body, key));
            url = nextPage(body);
        }
        return items;
    }

    private HttpUrl nextPage(JsonNode body) {
        var next = body.path("meta").has("has_more")
                ? (body.path("meta").path("has_more").asBoolean() ? body.path("links").path("next").asText(null) : null)
                : body.path("next_page").asText(null);
        if (next == null || next.isBlank()) {
            return null;
        }
        var url = HttpUrl.parse(next);
        // A next link elsewhere would send our credentials to another host.
        if (url == null || !url.host().equals(account.baseUrl().host()) || url.port() != account.baseUrl().port()) {
            throw fail("GET", account.baseUrl(), new Unreadable(200, "a next-page link points away from the account",
                    "Zendesk's answer pointed somewhere unexpected; check the connection's Zendesk URL."));
        }
        return url;
    }

    // ---- plumbing

    private ZendeskReply call(String method, HttpUrl url, JsonNode body, Map<String, String> headers) {
        var rejection = policy.rejection(url);
        if (rejection.isPresent()) {
            throw fail(method, url, new NotAllowed(rejection.get(),
                    "Use the account's https://<subdomain>.zendesk.com address; other hosts need BRIDGE_ZENDESK_HOSTS."));
        }
        var authorization = authorizer.header();
        var reply = exchange(method, url, body, headers, authorization);
        if (reply.status() == 401 && authorizer.renew(authorization)) {
            reply = exchange(method, url, body, headers, authorizer.header());
        }
        if (reply.status() == 401) {
            throw fail(method, url, new Unauthorized(authorizer.unauthorizedHint()));
        }
        if (reply.status() < 200 || reply.status() >= 300) {
            throw fail(method, url, ZendeskErrors.classify(reply.status(), method, url.encodedPath(), reply.headers(), reply.text(),
                    reply.json(), reply.retryAfter().orElse(null)));
        }
        if (reply.json() == null && !reply.text().isBlank()) {
            throw fail(method, url, new Unreadable(reply.status(), "the answer was not JSON",
                    "The address answered, but not like Zendesk's API; check the connection's Zendesk URL."));
        }
        return new ZendeskReply(reply.status(), reply.headers(), reply.json());
    }

    /** One HTTP round trip; its budget signal is reported whatever the status. */
    private Raw exchange(String method, HttpUrl url, JsonNode body, Map<String, String> headers, String authorization) {
        var builder = new Request.Builder().url(url)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        headers.forEach(builder::header);
        var payload = body == null ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create("{}", JSON))
                : RequestBody.create(body.toString(), JSON);
        builder.method(method, payload);
        try (var response = http.newCall(builder.build()).execute()) {
            var raw = read(response);
            var exhausted = raw.status() == 429
                    ? Optional.of(ZendeskErrors.exhaustedLimit(method, url.encodedPath(), raw.headers(), raw.text()))
                    : Optional.<ZendeskFailure.Limit>empty();
            observer.observe(RateLimitSignal.of(method + " " + ENDPOINT_IDS.matcher(url.encodedPath()).replaceAll("/{id}"), raw.status(),
                    raw.headers(), raw.retryAfter(), exhausted));
            return raw;
        } catch (IOException e) {
            throw fail(method, url, transport(e));
        }
    }

    /** POST /oauth/tokens; the answer holds secrets, so nothing of it is ever logged or kept in a failure. */
    private Tokens grantTokens(ObjectNode grant) {
        var url = account.baseUrl().newBuilder().encodedPath("/oauth/tokens").build();
        var rejection = policy.rejection(url);
        if (rejection.isPresent()) {
            throw fail("POST", url, new NotAllowed(rejection.get(), "Use the account's https://<subdomain>.zendesk.com address."));
        }
        var request = new Request.Builder().url(url).header("Accept", "application/json")
                .post(RequestBody.create(grant.toString(), JSON)).build();
        try (var response = http.newCall(request).execute()) {
            var raw = read(response);
            if (raw.status() >= 400 && raw.status() < 500) {
                throw fail("POST", url, new Unauthorized(grant.path("grant_type").asText().equals("refresh_token")
                        ? "Zendesk refused the refresh token (revoked, expired after 30 days unused, or already used): reconnect Zendesk in the admin view."
                        : "Zendesk refused the OAuth client id and secret: check the connection's client credentials in Zendesk Admin Center."));
            }
            if (raw.status() != 200 || raw.json() == null || !raw.json().path("access_token").isTextual()) {
                throw fail("POST", url, raw.status() >= 500
                        ? new ZendeskFailure.ServerError(raw.status(), raw.retryAfter(), "Zendesk could not issue a token right now; retried later.")
                        : new Unreadable(raw.status(), "the token endpoint gave no access_token", "Check the connection's Zendesk URL."));
            }
            var json = raw.json();
            var expiresIn = json.path("expires_in");
            return new Tokens(json.path("access_token").asText(), json.path("refresh_token").asText(null),
                    expiresIn.canConvertToLong() && expiresIn.asLong() > 0 ? clock.instant().plusSeconds(expiresIn.asLong()) : null);
        } catch (IOException e) {
            throw fail("POST", url, transport(e));
        }
    }

    private Raw read(Response response) throws IOException {
        var source = response.body().source();
        if (source.request(MAX_RESPONSE_BYTES + 1)) {
            throw new ZendeskException(new Unreadable(response.code(), "the answer was larger than " + MAX_RESPONSE_BYTES + " bytes",
                    "Ask for smaller pages."));
        }
        var text = source.getBuffer().readUtf8();
        JsonNode json = null;
        try {
            json = text.isBlank() ? null : mapper.readTree(text);
        } catch (IOException notJson) {
            // Zendesk answers some errors (a per-user 429, a bad request) in plain text.
        }
        // Obeyed exactly, however long: a shorter wait would only earn another 429.
        var retryAfter = Optional.ofNullable(RetryAfter.parse(response.header("Retry-After"), clock, MAX_RETRY_AFTER));
        return new Raw(response.code(), response.headers(), text, json, retryAfter);
    }

    private record Raw(int status, okhttp3.Headers headers, String text, JsonNode json, Optional<Duration> retryAfter) {
    }

    private static Transport transport(IOException e) {
        if (e instanceof UnknownHostException && String.valueOf(e.getMessage()).contains("may not call")) {
            return new Transport("the host resolves to a private or loopback address", false,
                    "The Zendesk host resolves to an internal address, which this backend never calls.");
        }
        var timedOut = e instanceof InterruptedIOException;
        return new Transport(e.getClass().getSimpleName(), timedOut,
                timedOut ? "Zendesk did not answer in time; the call is retried later." : "Zendesk could not be reached; the call is retried later.");
    }

    /** The one place failures are logged: one line, no stack trace, no query string or body (they may hold e-mails or tokens). */
    private ZendeskException fail(String method, HttpUrl url, ZendeskFailure failure) {
        if (failure instanceof NotFound) {
            LOG.info("Zendesk {} {} {}: {}", account.name(), method, url.encodedPath(), failure.summary());
        } else {
            LOG.warn("Zendesk {} {} {}: {}", account.name(), method, url.encodedPath(), failure.summary());
        }
        return new ZendeskException(failure);
    }

    private ObjectNode wrap(String name, JsonNode value) {
        var body = mapper.createObjectNode();
        body.set(name, value);
        return body;
    }

    private static List<JsonNode> list(JsonNode body, String key) {
        var items = new ArrayList<JsonNode>();
        body.path(key).forEach(items::add);
        return items;
    }

    private static String joined(Collection<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
