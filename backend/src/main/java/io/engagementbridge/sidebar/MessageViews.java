package io.engagementbridge.sidebar;

import io.engagementbridge.engagement.EngagementException;
import io.engagementbridge.settings.SettingProblem;

import java.util.List;

/** Builds the short human messages for every state that is not a profile. */
final class MessageViews {

    MessageView notFound(String title, String triedValue, AgentContext agent) {
        var messages = new Messages(agent.locale());
        return new MessageView("not-found", title, messages.get("notfound.heading"), messages.get("notfound.body", triedValue), List.of(), null);
    }

    MessageView noRequester(String title, AgentContext agent) {
        var messages = new Messages(agent.locale());
        return new MessageView("no-requester", title, messages.get("norequester.heading"), messages.get("norequester.body"), List.of(), null);
    }

    MessageView misconfigured(String title, List<SettingProblem> problems, AgentContext agent) {
        var messages = new Messages(agent.locale());
        if (!agent.admin()) {
            return new MessageView("misconfigured", title, messages.get("setup.heading"), messages.get("setup.agent"), List.of(), null);
        }
        return new MessageView("misconfigured", title, messages.get("setup.heading"), messages.get("setup.admin"),
                problems.stream().map(p -> p.setting() + ": " + p.message()).toList(), null, messages.get("connection.button"));
    }

    MessageView engagementError(String title, EngagementException error, AgentContext agent) {
        var messages = new Messages(agent.locale());
        var kind = error.kind().name();
        var hint = agent.admin() && !error.retryable() ? messages.get("errorhint.admin." + kind) : messages.get("errorhint.agent");
        return new MessageView("error", title, messages.get("error.heading"), messages.get("error." + kind) + " " + hint,
                List.of(), messages.get("retry"), agent.admin() ? messages.get("connection.button") : null);
    }

    MessageView connection(String title, ConnectionCheck.Result result, AgentContext agent) {
        var messages = new Messages(agent.locale());
        return new MessageView(result.ok() ? "connection-ok" : "connection-failed", title, messages.get("connection.heading"),
                messages.get(result.messageKey()), List.of(), null, messages.get("connection.again"));
    }

    MessageView adminsOnly(String title, AgentContext agent) {
        var messages = new Messages(agent.locale());
        return new MessageView("forbidden", title, messages.get("connection.heading"), messages.get("connection.admins"), List.of(), null);
    }

    MessageView internalError(String title, AgentContext agent) {
        var messages = new Messages(agent.locale());
        return new MessageView("error", title, messages.get("error.heading"),
                messages.get("error.INTERNAL") + " " + messages.get("errorhint.agent"), List.of(), messages.get("retry"));
    }

    MessageView unauthenticated(String title, String reason, AgentContext agent) {
        var messages = new Messages(agent.locale());
        return new MessageView("unauthorized", title, messages.get("unauthorized.heading"),
                messages.get("unauthorized.body", reason), List.of(), null);
    }

    MessageView rateLimited(String title, AgentContext agent) {
        var messages = new Messages(agent.locale());
        return new MessageView("rate-limited", title, messages.get("ratelimited.heading"), messages.get("ratelimited.body"), List.of(),
                messages.get("retry"));
    }

    String tooLarge() {
        return new Messages(AgentContext.DEFAULT.locale()).get("toolarge.body");
    }

    MessageView badRequest(String detail) {
        var messages = new Messages(AgentContext.DEFAULT.locale());
        return new MessageView("error", messages.get("title.default"), messages.get("badrequest.heading"), detail, List.of(), null);
    }
}
