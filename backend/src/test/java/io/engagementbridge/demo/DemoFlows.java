package io.engagementbridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.App;
import io.engagementbridge.connection.Connection;
import io.engagementbridge.connection.InboundTokens;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The write-side flows an admin page test (or the screenshots) needs from the demo, through the bridge's real HTTP APIs and Zendesk's. */
final class DemoFlows {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DemoWorkspace workspace;
    private final OkHttpClient http = new OkHttpClient();

    DemoFlows(DemoWorkspace workspace) {
        this.workspace = workspace;
    }

    /**
     * An inbound token for the connection, as an operator would issue one: the app's OAuth connect stores none a test
     * can read (only its hash is kept), so this stores the hash of a fresh one.
     */
    String inboundToken(Connection connection) {
        var token = InboundTokens.newToken();
        workspace.demo().writeSide().database().jdbi().useHandle(h -> h.createUpdate("UPDATE connections SET inbound_token_hash = :hash WHERE id = :id")
                .bind("hash", InboundTokens.hash(token)).bind("id", connection.id()).execute());
        return token;
    }

    /** Sends the rows as a CSV import to {@code POST /v1/cdp/imports} and waits until it has finished; answers its report with every row. */
    JsonNode importCsv(String token, List<String> header, List<List<String>> rows) throws IOException {
        var out = new StringBuilder();
        try (var printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (var row : rows) {
                printer.printRecord(row);
            }
        }
        var request = new Request.Builder().url(backend() + "/v1/cdp/imports").header("Authorization", "Bearer " + token)
                .post(RequestBody.create(out.toString(), MediaType.get("text/csv"))).build();
        String id;
        try (var response = http.newCall(request).execute()) {
            var body = response.body().string();
            assertThat(response.code()).as(body).isEqualTo(202);
            id = App.mapper().readTree(body).path("id").asText();
        }
        return workspace.browser().await("the import finished", WAIT, () -> {
            var report = new Request.Builder().url(backend() + "/v1/cdp/imports/" + id + "?limit=1000").header("Authorization", "Bearer " + token).build();
            try (var response = http.newCall(report).execute()) {
                var answer = App.mapper().readTree(response.body().string());
                return answer.path("status").asText().equals("finished") ? answer : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A ticket created through Zendesk's API with the connection's token, so Zendesk's triggers fire its webhooks; its id. */
    long createTicket(AdminPage page, Connection connection, String subject, String name, String email) {
        var ticket = App.mapper().createObjectNode().put("subject", subject).put("status", "open");
        ticket.putObject("comment").put("body", "Where is it?");
        ticket.putObject("requester").put("name", name).put("email", email);
        return page.zendeskAs(connection).createTicket("flow-" + System.nanoTime(), ticket).ticket().path("id").asLong();
    }

    private String backend() {
        return "http://127.0.0.1:" + workspace.demo().backendPort();
    }
}
