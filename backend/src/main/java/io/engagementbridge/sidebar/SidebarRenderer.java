package io.engagementbridge.sidebar;

import io.engagementbridge.engagement.EngagementException;
import io.engagementbridge.profile.CustomerId;
import io.engagementbridge.profile.CustomerProfile;
import io.engagementbridge.profile.Requester;
import io.engagementbridge.settings.InstallationSettings;
import io.engagementbridge.settings.InvalidSettingsException;
import io.javalin.http.Context;
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

    String profile(CustomerProfile profile, CustomerId matchedOn, Requester requester, InstallationSettings settings, AgentContext agent) {
        Supplier<String> render = () -> templates.render("sidebar/profile.jte",
                profiles.view(profile, matchedOn, requester, settings, agent));
        return profiles.stale(profile) ? render.get() : pages.get(profile, settings, matchedOn, requester.name(), agent, render);
    }

    String notFound(String title, String triedValue, AgentContext agent) {
        return templates.render("sidebar/message.jte", messages.notFound(title, triedValue, agent));
    }

    String noRequester(String title, AgentContext agent) {
        return templates.render("sidebar/message.jte", messages.noRequester(title, agent));
    }

    /** The one place thrown failures become fragments; upstream details go to the log, never to the page. */
    public void failure(Exception thrown, Context ctx) {
        var error = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        AgentContext agent = ctx.attribute(AGENT);
        agent = agent == null ? AgentContext.DEFAULT : agent;
        String attributeTitle = ctx.attribute(TITLE);
        var title = attributeTitle == null ? new Messages(agent.locale()).get("title.default") : attributeTitle;
        MessageView view;
        if (error instanceof InvalidSettingsException invalid) {
            view = messages.misconfigured(title, invalid.problems(), agent);
        } else if (error instanceof EngagementException upstream) {
            LOG.warn("Engagement call failed: {} (status {}): {}", upstream.kind(), upstream.status(), upstream.getMessage());
            view = messages.engagementError(title, upstream, agent);
        } else if (error instanceof MalformedRequestException malformed) {
            ctx.status(400);
            view = messages.badRequest(malformed.getMessage());
        } else {
            LOG.error("Unexpected failure rendering the sidebar", error);
            ctx.status(500);
            view = messages.internalError(title, agent);
        }
        ctx.html(templates.render("sidebar/message.jte", view));
    }
}
