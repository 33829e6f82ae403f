package io.engagementbridge.sidebar;

import io.engagementbridge.access.CallerRejectedException;
import io.engagementbridge.engagement.EngagementException;
import io.engagementbridge.logging.FailureLog;
import io.engagementbridge.profile.CustomerId;
import io.engagementbridge.profile.CustomerProfile;
import io.engagementbridge.profile.Requester;
import io.engagementbridge.settings.InstallationSettings;
import io.engagementbridge.settings.InvalidSettingsException;
import io.engagementbridge.web.Redaction;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Turns every outcome of a sidebar request into an escaped fragment, including failures: handlers
 * throw, and {@link #failure} (registered once) renders what was thrown.
 */
public final class SidebarRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(SidebarRenderer.class);
    private static final FailureLog FAILURES = FailureLog.of(SidebarRenderer.class);
    private static final String AGENT = "eb.agent";
    private static final String TITLE = "eb.title";

    private final Templates templates;
    private final ProfileViews profiles;
    private final ProfilePages pages = new ProfilePages();
    private final MessageViews messages = new MessageViews();

    public SidebarRenderer(Templates templates, java.time.Clock clock, java.time.Duration staleAfter) {
        this.templates = templates;
        this.profiles = new ProfileViews(clock, staleAfter);
    }

    static void remember(Context ctx, AgentContext agent, String title) {
        ctx.attribute(AGENT, agent);
        ctx.attribute(TITLE, title);
    }

    /** {@code recheck}: other identifiers were still being looked up; the page asks the front end to look again shortly. */
    String profile(CustomerProfile profile, CustomerId matchedOn, CustomerId alsoMatches, boolean recheck, Requester requester,
                   InstallationSettings settings, AgentContext agent) {
        Supplier<String> render = () -> templates.render("sidebar/profile.jte",
                profiles.view(profile, matchedOn, alsoMatches, recheck, requester, settings, agent));
        return profiles.stale(profile) || recheck ? render.get()
                : pages.get(profile, settings, matchedOn, alsoMatches, requester.name(), agent, render);
    }

    String notFound(String title, String triedValue, AgentContext agent) {
        return templates.render("sidebar/message.jte", messages.notFound(title, triedValue, agent));
    }

    String connection(String title, ConnectionCheck.Result result, AgentContext agent) {
        return templates.render("sidebar/message.jte", messages.connection(titleOrDefault(title, agent), result, agent));
    }

    String adminsOnly(String title, AgentContext agent) {
        return templates.render("sidebar/message.jte", messages.adminsOnly(titleOrDefault(title, agent), agent));
    }

    private static String titleOrDefault(String title, AgentContext agent) {
        return title == null ? new Messages(agent.locale()).get("title.default") : title;
    }

    String noRequester(String title, AgentContext agent) {
        return templates.render("sidebar/message.jte", messages.noRequester(title, agent));
    }

    /** The one place thrown failures become fragments; upstream details go to the log, never to the page. */
    public void failure(Exception thrown, Context ctx) {
        var error = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        AgentContext agent = ctx.attribute(AGENT);
        agent = agent == null ? AgentContext.DEFAULT : agent;
        var title = titleOrDefault(ctx.attribute(TITLE), agent);
        MessageView view;
        if (error instanceof InvalidSettingsException invalid) {
            view = messages.misconfigured(title, invalid.problems(), agent);
        } else if (error instanceof EngagementException upstream) {
            FAILURES.expected("sidebar", upstream.kind().name().toLowerCase(java.util.Locale.ROOT),
                    "answered with an error message: " + Redaction.redact(ctx, upstream.getMessage()));
            view = messages.engagementError(title, upstream, agent);
        } else if (error instanceof MalformedRequestException malformed) {
            ctx.status(400);
            view = messages.badRequest(malformed.getMessage());
        } else if (error instanceof CallerRejectedException rejected) {
            ctx.status(rejected.status());
            rejected.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(wait.toSeconds())));
            view = rejected.status() == 401 ? messages.unauthenticated(title, rejected.getMessage(), agent) : messages.rateLimited(title, agent);
        } else if (error instanceof HttpResponseException http) {
            ctx.status(http.getStatus());
            view = messages.badRequest(http.getStatus() == 413 ? messages.tooLarge() : http.getMessage());
        } else {
            LOG.error("Unexpected failure rendering the sidebar", Redaction.redact(ctx, error));
            ctx.status(500);
            view = messages.internalError(title, agent);
        }
        ctx.html(templates.render("sidebar/message.jte", view));
    }
}
