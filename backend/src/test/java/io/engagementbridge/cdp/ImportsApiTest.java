package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagementbridge.App;
import io.engagementbridge.bench.ScaledClock;
import io.engagementbridge.bench.SimulatedZendeskAccount;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.zendesk.ResponseObserver;
import io.javalin.Javalin;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.engagementbridge.cdp.CdpHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/cdp/imports} and {@code GET /v1/cdp/imports/{id}} on the real backend, writing to the Zendesk simulator. */
class ImportsApiTest {
    @TempDir
    Path dir;
    ScaledClock clock;
    SimulatedZendeskAccount account;
    Javalin backend;
    String base;
    final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();

    record Reply(int code, JsonNode body) {
    }

    @BeforeEach
    void open() throws IOException {
        clock = new ScaledClock(Instant.parse("2026-12-01T10:00:00Z"), 10);
        account = SimulatedZendeskAccount.open(dir.resolve("store"), clock, SimulatorLimits.defaults(), 700, ResponseObserver.NONE);
        account.zendesk().client().createUserField(App.mapper().readTree(AudienceFile.LTV_FIELD));
        var config = BridgeConfig.forLoopback(0);
        backend = App.create(config, new App.Dependencies(HttpClients.upstream(config.timeouts(), config.hostPolicy()),
                () -> clock.instant().toEpochMilli() * 1_000_000L, clock), account.writeSide()).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + backend.port();
    }

    @AfterEach
    void close() {
        backend.stop();
        account.close();
    }

    @Test
    void an_uploaded_csv_is_stored_answered_with_an_id_and_its_rows_written_with_each_outcome_queryable() throws Exception {
        var file = new AudienceFile(dir.resolve("audience.csv"), 200);

        var created = post(Files.readAllBytes(file.path), "text/csv", account.inboundToken(), "");

        assertThat(created.code()).isEqualTo(202);
        assertThat(created.body().path("rows").asInt()).isEqualTo(200);
        var id = created.body().path("id").asText();
        eventually("the import finished", 60, () -> get("/" + id, account.inboundToken()).body().path("status").asText().equals("finished"));
        var shown = get("/" + id + "?status=failed", account.inboundToken());
        assertThat(shown.body().path("done").asInt()).isEqualTo(200);
        assertThat(shown.body().path("counts").path("created").asInt()).isEqualTo(file.good.size());
        assertThat(shown.body().path("counts").path("failed").asInt()).isEqualTo(200 - file.good.size());
        assertThat(shown.body().path("rows")).hasSize(200 - file.good.size()).allSatisfy(row -> {
            assertThat(row.path("outcome").asText()).isEqualTo("failed");
            assertThat(row.path("reason").asText()).isNotBlank();
            assertThat(row.path("fix").asText()).isNotBlank();
        });
        var user = account.simulator().userByExternalId("cust-150").orElseThrow();
        assertThat(user.name()).isEqualTo("First150 Last150");
        assertThat((BigDecimal) user.userFields().get("ltv")).isEqualByComparingTo("1500.5");
        try (var metrics = http.newCall(new Request.Builder().url(base + "/metrics").build()).execute()) {
            assertThat(metrics.body().string()).contains("cdp_import_rows_total{outcome=\"received\"} 200.0",
                    "cdp_import_rows_total{outcome=\"created\"} " + file.good.size() + ".0",
                    "cdp_import_rows_total{outcome=\"failed\"} " + (200 - file.good.size()) + ".0");
        }
    }

    @Test
    void with_create_missing_fields_an_imports_unknown_columns_become_fields_typed_from_the_csv_text() throws Exception {
        var repository = account.writeSide().connectionRepository();
        var settings = repository.find(account.connectionId()).orElseThrow().settings();
        settings.putObject("cdp").put("create_missing_fields", true);
        repository.updateSettings(account.connectionId(), settings);
        var csv = "userId,email,name,shoe_size,avg_basket,newsletter,store_code\n"
                + "s1,s1@example.com,Ada,42,10,true,007\n"
                + "s2,s2@example.com,Grace,38,54.25,false,112\n";

        var created = post(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv", account.inboundToken(), "");

        var id = created.body().path("id").asText();
        eventually("the import finished", 60, () -> get("/" + id, account.inboundToken()).body().path("status").asText().equals("finished"));
        assertThat(account.simulator().userFields()).extracting(f -> f.key(), f -> f.type()).contains(
                org.assertj.core.groups.Tuple.tuple("shoe_size", "integer"), org.assertj.core.groups.Tuple.tuple("avg_basket", "decimal"),
                org.assertj.core.groups.Tuple.tuple("newsletter", "checkbox"), org.assertj.core.groups.Tuple.tuple("store_code", "text"));
        var grace = account.simulator().userByExternalId("s2").orElseThrow();
        assertThat(grace.userFields()).containsEntry("newsletter", false).containsEntry("store_code", "112");
        assertThat(new BigDecimal(String.valueOf(grace.userFields().get("avg_basket")))).isEqualByComparingTo("54.25");
        assertThat(new BigDecimal(String.valueOf(account.simulator().userByExternalId("s1").orElseThrow().userFields().get("shoe_size"))))
                .isEqualByComparingTo("42");
    }

    @Test
    void a_wrong_token_an_unreadable_body_or_another_connections_import_get_a_clear_4xx_and_store_nothing() throws Exception {
        var wrong = post("userId,email\nc1,a@example.com".getBytes(), "text/csv", "not-the-token", "");
        assertThat(wrong.code()).isEqualTo(401);
        var unknownFormat = post("userId,email\nc1,a@example.com".getBytes(), "application/octet-stream", account.inboundToken(), "");
        assertThat(unknownFormat.code()).isEqualTo(400);
        assertThat(unknownFormat.body().path("error").toString() + unknownFormat.body()).contains("csv").contains("ndjson");
        var empty = post("userId,email\n".getBytes(), "text/csv", account.inboundToken(), "");
        assertThat(empty.code()).isEqualTo(400);
        assertThat(empty.body().toString()).contains("no rows");
        assertThat(get("/imp_doesnotexist", account.inboundToken()).code()).isEqualTo(404);
        int stored = account.writeSide().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM cdp_imports").mapTo(Integer.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void bulk_imports_disabled_stops_the_import_with_the_reason_in_its_status() throws Exception {
        account.simulator().faults().setBulkImportsEnabled(false);

        var created = post("userId,email,name\nc1,a@example.com,Ada".getBytes(), "text/csv", account.inboundToken(), "");

        var id = created.body().path("id").asText();
        eventually("the import stopped", 30, () -> get("/" + id, account.inboundToken()).body().path("status").asText().equals("stopped"));
        assertThat(get("/" + id, account.inboundToken()).body().path("note").asText()).contains("Bulk user imports are not enabled")
                .contains("Zendesk Customer Support");
        assertThat(account.simulator().userByExternalId("c1")).isEmpty();

        var again = post("userId,email,name\nc1,a@example.com,Ada".getBytes(), "text/csv", account.inboundToken(), "?bulk=false");

        assertThat(again.body().path("id").asText()).isEqualTo(id);
        eventually("the import finished one user at a time", 30, () -> get("/" + id, account.inboundToken()).body().path("status").asText().equals("finished"));
        assertThat(account.simulator().userByExternalId("c1").orElseThrow().name()).isEqualTo("Ada");
    }

    private Reply post(byte[] body, String type, String token, String query) {
        return execute(new Request.Builder().url(base + ImportsController.PATH + query).post(RequestBody.create(body, MediaType.get(type))), token);
    }

    private Reply get(String path, String token) {
        return execute(new Request.Builder().url(base + ImportsController.PATH + path).get(), token);
    }

    private Reply execute(Request.Builder request, String token) {
        request.header("Authorization", "Bearer " + token);
        try (var response = http.newCall(request.build()).execute()) {
            var text = response.body().string();
            return new Reply(response.code(), text.isBlank() ? App.mapper().createObjectNode() : App.mapper().readTree(text));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
