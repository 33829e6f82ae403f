package io.engagementbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.demo.engagement.SimulatedProject;
import io.engagementbridge.sidebar.SecureHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sidebar opens as the iframe sends them through Zendesk's proxy: the installation's public settings
 * in the body, the key pair in headers. Sent from this process; used to count upstream calls, not
 * to time anything.
 */
final class SidebarOpens {
    static final Map<String, String> HEADERS = Map.of(
            "Content-Type", "application/json",
            SecureHeaders.KEY_ID, SimulatedProject.KEY_ID,
            SecureHeaders.KEY_SECRET, SimulatedProject.KEY_SECRET);

    private final ObjectMapper mapper;
    private final Map<String, String> settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger failures = new AtomicInteger();

    SidebarOpens(ObjectMapper mapper, Map<String, String> settings) {
        this.mapper = mapper;
        this.settings = Map.copyOf(settings);
    }

    ObjectNode settingsJson() {
        return mapper.valueToTree(settings);
    }

    /** The body for a ticket whose requester is {@code email}. */
    String body(String email) {
        return body(email, "Ticket Requester");
    }

    String body(String email, String requesterName) {
        var body = mapper.createObjectNode().put("location", "ticket");
        body.putObject("requester").put("email", email).put("name", requesterName);
        body.putObject("agent").put("locale", "en-US").put("timeZone", "Europe/Prague").put("role", "agent");
        body.set("settings", settingsJson());
        return body.toString();
    }

    HttpResponse<String> open(URI sidebar, String email) {
        var request = HttpRequest.newBuilder(sidebar).POST(HttpRequest.BodyPublishers.ofString(body(email)));
        HEADERS.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Opens that were not answered 200, so far. */
    int failures() {
        return failures.get();
    }

    /** Opens one sidebar per email, {@code concurrency} at a time, the first ones released together. */
    void openAll(URI sidebar, List<String> emails, int concurrency) {
        var pool = Executors.newFixedThreadPool(concurrency);
        var start = new CountDownLatch(1);
        try {
            var done = new ArrayList<CompletableFuture<Void>>();
            for (var email : emails) {
                done.add(CompletableFuture.runAsync(() -> {
                    awaitQuietly(start);
                    if (open(sidebar, email).statusCode() != 200) {
                        failures.incrementAndGet();
                    }
                }, pool));
            }
            start.countDown();
            done.forEach(CompletableFuture::join);
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
