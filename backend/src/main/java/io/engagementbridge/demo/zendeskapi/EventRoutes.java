package io.engagementbridge.demo.zendeskapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** The Events API, the incremental ticket events export and satisfaction ratings. */
final class EventRoutes {
    private static final int INCREMENTAL_PAGE = 1000;

    private final Renderer renderer;
    private final ApiLimiter limiter;
    private final UserDirectory users;
    private final TicketDesk tickets;
    private final ProfileEvents profileEvents;
    private final java.util.function.Consumer<TicketDesk.Saved> notifier;

    EventRoutes(Renderer renderer, ApiLimiter limiter, UserDirectory users, TicketDesk tickets, ProfileEvents profileEvents,
                java.util.function.Consumer<TicketDesk.Saved> notifier) {
        this.notifier = notifier;
        this.renderer = renderer;
        this.limiter = limiter;
        this.users = users;
        this.tickets = tickets;
        this.profileEvents = profileEvents;
    }

    void register(ApiRoutes api) {
        api.add("POST", "/api/v2/user_profiles/events", call -> trackEvent(call, null));
        api.add("POST", "/api/v2/users/{id}/events", call -> trackEvent(call, call.pathId("id")));
        api.add("GET", "/api/v2/users/{id}/events", call -> {
            var body = renderer.object();
            body.putArray("data").addAll(profileEvents.ofUser(users.require(call.pathId("id")).id()).stream()
                    .map(renderer::profileEvent).toList());
            call.reply(200, body);
        });
        api.add("GET", "/api/v2/incremental/ticket_events", this::incrementalTicketEvents);
        api.add("POST", "/api/v2/tickets/{id}/satisfaction_rating", call -> {
            var node = call.body("satisfaction_rating");
            var score = node.path("score").asText();
            if (!score.equals("good") && !score.equals("bad")) {
                throw ApiError.invalid("score", "Score: must be good or bad");
            }
            var rated = tickets.rate(call.pathId("id"), score, node.hasNonNull("comment") ? node.get("comment").asText() : null, call.now(),
                    call.base());
            notifier.accept(rated.saved());
            var event = rated.event();
            call.reply(200, renderer.wrap("satisfaction_rating", renderer.satisfactionRating(event, tickets.require(event.ticketId()), call.base())));
        });
        api.add("GET", "/api/v2/satisfaction_ratings", call -> {
            var from = epoch(call.ctx().queryParam("start_time"), Instant.EPOCH);
            var to = epoch(call.ctx().queryParam("end_time"), Instant.MAX);
            var score = call.ctx().queryParam("score");
            var ratings = tickets.events().stream().filter(event -> event.eventType().equals("SatisfactionRating"))
                    .filter(event -> !event.at().isBefore(from) && event.at().isBefore(to))
                    .filter(event -> score == null || score.equals("received") || score.equals(event.changes().get("score")))
                    .map(event -> (JsonNode) renderer.satisfactionRating(event, tickets.require(event.ticketId()), call.base())).toList();
            call.reply(200, renderer.list("satisfaction_ratings", ratings));
        });
    }

    private void trackEvent(Call call, Long userId) {
        var event = profileEvents.track(call.body(), userId, call.now());
        var body = renderer.object();
        body.put("profile_id", event.profileId());
        body.put("status", "received");
        body.put("user_id", String.valueOf(event.userId()));
        call.reply(202, body);
    }

    /**
     * Time-based incremental export: events at or after {@code start_time} and older than one minute
     * (Zendesk leaves out the last minute), up to 1000 per page; 10 requests per minute.
     */
    private void incrementalTicketEvents(Call call) {
        limiter.incrementalExport(call);
        var raw = call.ctx().queryParam("start_time");
        if (raw == null || !raw.matches("[0-9]{1,12}")) {
            throw ApiError.badRequest("start_time is required: a Unix time in seconds.");
        }
        var start = Instant.ofEpochSecond(Long.parseLong(raw));
        var horizon = call.now().minusSeconds(60);
        var page = tickets.events().stream().filter(event -> !event.at().isBefore(start) && event.at().isBefore(horizon))
                .limit(INCREMENTAL_PAGE).toList();
        var endTime = page.isEmpty() ? start.getEpochSecond() : page.get(page.size() - 1).at().getEpochSecond();
        var body = renderer.object();
        body.putArray("ticket_events").addAll(page.stream().map(event -> (JsonNode) renderer.ticketEvent(event,
                tickets.byId(event.ticketId()).map(Ticket::requesterId).orElse(0L))).toList());
        body.put("next_page", call.base() + "/api/v2/incremental/ticket_events.json?start_time=" + endTime);
        body.put("count", page.size());
        body.put("end_time", endTime);
        body.put("end_of_stream", page.size() < INCREMENTAL_PAGE);
        call.reply(200, body);
    }

    private static Instant epoch(String raw, Instant fallback) {
        return raw == null || !raw.matches("[0-9]{1,12}") ? fallback : Instant.ofEpochSecond(Long.parseLong(raw));
    }
}
