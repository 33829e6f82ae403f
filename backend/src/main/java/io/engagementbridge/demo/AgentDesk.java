package io.engagementbridge.demo;

import io.engagementbridge.App;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.demo.zendesk.ZendeskSimulator.Solved;
import io.engagementbridge.demo.zendeskapi.ZendeskApiSimulator;
import io.engagementbridge.priority.Provisioning;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.LongFunction;

/**
 * The workspace's "Submit as Solved": the agent's own ticket update, sent to the Zendesk API simulator's ticket
 * endpoint as Zendesk's agent interface would save it, so the account's triggers run on it (once Zendesk is
 * connected, the bridge's "ticket solved" trigger among them, whose webhook the relay turns into Engagement's
 * {@code support_ticket} event).
 */
final class AgentDesk implements LongFunction<Solved> {
    private static final String AGENT_TOKEN = "workspace-agent-api-token-not-a-secret";
    private static final MediaType JSON = MediaType.get("application/json");

    private final ConnectionRepository connections;
    private final HttpUrl zendesk;
    private final String agentEmail;
    private final OkHttpClient http;

    /** Registers the agent's API token with {@code simulator}, reachable at {@code zendesk}. */
    AgentDesk(ConnectionRepository connections, ZendeskApiSimulator simulator, HttpUrl zendesk, String agentEmail, OkHttpClient http) {
        simulator.registerApiToken(agentEmail, AGENT_TOKEN);
        this.connections = connections;
        this.zendesk = zendesk;
        this.agentEmail = agentEmail;
        this.http = http;
    }

    @Override
    public Solved apply(long ticketId) {
        var body = App.mapper().createObjectNode();
        body.putObject("ticket").put("status", "solved");
        var basic = Base64.getEncoder().encodeToString((agentEmail + "/token:" + AGENT_TOKEN).getBytes(StandardCharsets.UTF_8));
        var request = new Request.Builder().url(zendesk.resolve("/api/v2/tickets/" + ticketId)).header("Authorization", "Basic " + basic)
                .put(RequestBody.create(body.toString(), JSON)).build();
        try (var response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                return new Solved(response.code(), "Zendesk did not solve ticket #" + ticketId + ": " + reason(response.code(), response.body().string()));
            }
        } catch (IOException e) {
            return new Solved(502, "The Zendesk API simulator did not answer; ticket #" + ticketId + " is unchanged.");
        }
        return new Solved(200, relaying() ? "Ticket #" + ticketId + " solved. Its support_ticket event is on its way to Engagement."
                : "Ticket #" + ticketId + " solved. Connect Zendesk (under the sidebar) to relay ticket events to Engagement.");
    }

    /** Zendesk's own words for a refused update ("Status: closed prevents ticket update"), else its status code. */
    private static String reason(int status, String body) {
        try {
            var details = App.mapper().readTree(body).path("details");
            for (var field : details) {
                var description = field.path(0).path("description");
                if (description.isTextual()) {
                    return description.asText();
                }
            }
        } catch (IOException e) {
            // not JSON: fall through to the status
        }
        return "it answered " + status;
    }

    private boolean relaying() {
        return connections.list().stream().anyMatch(connection -> connection.settings().path(Provisioning.SETTING).has("webhook"));
    }
}
