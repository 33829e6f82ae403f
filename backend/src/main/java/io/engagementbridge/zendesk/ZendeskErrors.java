package io.engagementbridge.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.zendesk.ZendeskFailure.BadRequest;
import io.engagementbridge.zendesk.ZendeskFailure.Conflict;
import io.engagementbridge.zendesk.ZendeskFailure.DuplicateValue;
import io.engagementbridge.zendesk.ZendeskFailure.FieldError;
import io.engagementbridge.zendesk.ZendeskFailure.Forbidden;
import io.engagementbridge.zendesk.ZendeskFailure.ForbiddenReason;
import io.engagementbridge.zendesk.ZendeskFailure.Invalid;
import io.engagementbridge.zendesk.ZendeskFailure.Limit;
import io.engagementbridge.zendesk.ZendeskFailure.NotFound;
import io.engagementbridge.zendesk.ZendeskFailure.RateLimited;
import io.engagementbridge.zendesk.ZendeskFailure.ServerError;
import io.engagementbridge.zendesk.ZendeskFailure.Unreadable;
import okhttp3.Headers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns an unsuccessful Zendesk answer (status, headers, body) into a {@link ZendeskFailure} with its fix hint. */
final class ZendeskErrors {
    /** What Zendesk's docs and clients assume when a 429 carries no Retry-After. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    private static final Pattern TICKET_PATH = Pattern.compile("/api/v2/tickets/\\d+(\\.json)?");
    private static final Pattern DUPLICATE_VALUE = Pattern.compile(":\\s*(.+?)\\s+is already (being used|taken)");

    private ZendeskErrors() {
    }

    /** Which budget a 429 on {@code method path} exhausted; the body is read only for the per-user text Zendesk sends. */
    static Limit exhaustedLimit(String method, String path, Headers headers, String text) {
        var perUser = headers.get("Zendesk-RateLimit-create-update-user");
        if (text.contains("single unique user") || (perUser != null && perUser.replace(" ", "").contains("remaining=0"))) {
            return Limit.USER_WRITES;
        }
        var remaining = headers.get("X-Rate-Limit-Remaining");
        if (remaining != null && remaining.trim().equals("0")) {
            return Limit.ACCOUNT;
        }
        if (method.equals("PUT") && TICKET_PATH.matcher(path).matches()) {
            return Limit.TICKET_UPDATES;
        }
        if (method.equals("POST") && path.replace(".json", "").endsWith("_many")) {
            return Limit.JOBS;
        }
        for (var name : headers.names()) {
            if (name.toLowerCase(Locale.ROOT).startsWith("zendesk-ratelimit-") && headers.get(name).replace(" ", "").contains("remaining=0")) {
                return Limit.ENDPOINT;
            }
        }
        return Limit.ACCOUNT;
    }

    static ZendeskFailure classify(int status, String method, String path, Headers headers, String text, JsonNode body, Duration retryAfter) {
        var error = body == null ? "" : body.path("error").isTextual() ? body.path("error").asText() : "";
        var description = body == null ? "" : body.path("description").asText("");
        return switch (status) {
            case 400 -> new BadRequest(error.isEmpty() ? "bad request" : error, error.equals("IdempotentRequestError")
                    ? "This Idempotency-Key was already used for a different ticket: use one key per distinct ticket."
                    : "Zendesk rejected the request" + (description.isEmpty() ? "" : " (" + shorten(description) + ")") + "; check the values sent.");
            case 403 -> forbidden(method, path, (error + " " + description + " " + (body == null ? text : "")).toLowerCase(Locale.ROOT));
            case 404 -> new NotFound("Zendesk has no such record (deleted, merged, or a wrong id), or the endpoint is not available on this plan.");
            case 409 -> new Conflict("Someone changed the record at the same time (safe_update with an old updated_stamp, or a database collision): read it again, then retry.");
            case 422 -> invalid(body, text);
            case 429 -> {
                var limit = exhaustedLimit(method, path, headers, text);
                yield new RateLimited(limit, retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter, rateLimitHint(limit));
            }
            default -> status >= 500
                    ? new ServerError(status, Optional.ofNullable(retryAfter), "Zendesk had a problem (" + status + "); the write is retried later.")
                    : new Unreadable(status, "unexpected status " + status, "Zendesk answered in a way this bridge does not expect; check the Zendesk URL of the connection.");
        };
    }

    private static Forbidden forbidden(String method, String path, String words) {
        if (method.equals("POST") && path.replace(".json", "").endsWith("_many")) {
            return new Forbidden(ForbiddenReason.BULK_IMPORTS_DISABLED,
                    "Bulk user imports are not enabled on this Zendesk account: ask Zendesk Customer Support to enable them, or sync users one at a time.");
        }
        if (words.contains("scope")) {
            return new Forbidden(ForbiddenReason.MISSING_SCOPE,
                    "The OAuth token lacks a scope this call needs: reconnect Zendesk and grant read and write access.");
        }
        if (words.contains("shared")) {
            return new Forbidden(ForbiddenReason.SHARED_USER,
                    "This user is shared from another Zendesk account and can only be changed there.");
        }
        return new Forbidden(ForbiddenReason.OTHER,
                "Zendesk refused the call: the connecting user must be an admin, and an OAuth token needs read and write scope.");
    }

    private static ZendeskFailure invalid(JsonNode body, String text) {
        var errors = new ArrayList<FieldError>();
        var details = body == null ? null : body.get("details");
        if (details != null && details.isObject()) {
            details.properties().forEach(field -> {
                for (var entry : field.getValue().isArray() ? field.getValue() : java.util.List.of(field.getValue())) {
                    errors.add(new FieldError(field.getKey(), entry.path("error").asText(""), entry.path("description").asText(entry.asText(""))));
                }
            });
        }
        for (var e : errors) {
            if (e.error().equals("DuplicateValue")) {
                var matcher = DUPLICATE_VALUE.matcher(e.description());
                return new DuplicateValue(e.field(), matcher.find() ? matcher.group(1) : "", e.description(),
                        "This " + e.field() + " already belongs to another Zendesk user: merge the two users in Zendesk, or send a different "
                                + e.field() + ".");
            }
        }
        if (errors.isEmpty()) {
            var description = body == null ? shorten(text) : body.path("description").asText(body.path("error").asText("invalid request"));
            errors.add(new FieldError("", body == null ? "" : body.path("error").asText(""), description));
        }
        var fields = errors.stream().map(FieldError::field).filter(f -> !f.isEmpty()).distinct().toList();
        return new Invalid(errors, "Zendesk rejected " + (errors.size() == 1 ? "a value" : errors.size() + " values") + ": fix "
                + (fields.isEmpty() ? "the request" : String.join(", ", fields)) + " as described, then send again.");
    }

    private static String rateLimitHint(Limit limit) {
        return switch (limit) {
            case ACCOUNT -> "The account's API budget per minute is spent (other apps count too); writes resume after Retry-After."
                    + " If this repeats, lower plan_requests_per_minute for this connection.";
            case USER_WRITES -> "Zendesk allows 5 writes per minute to one user; this write waits and is merged with the user's next changes.";
            case TICKET_UPDATES -> "Update Ticket allows 100 per minute per account and 30 per 10 minutes per ticket; the update waits.";
            case JOBS -> "At most 30 bulk jobs may be queued or running on the account; the import waits for a free slot.";
            case ENDPOINT -> "This endpoint's own budget is spent; the call waits for Retry-After.";
        };
    }

    static String shorten(String text) {
        var oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }
}
