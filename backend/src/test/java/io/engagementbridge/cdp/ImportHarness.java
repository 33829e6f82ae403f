package io.engagementbridge.cdp;

import io.engagementbridge.App;
import io.engagementbridge.bench.ScaledClock;
import io.engagementbridge.bench.SimulatedZendeskAccount;
import io.engagementbridge.config.Timeouts;
import io.engagementbridge.config.ZendeskOAuthConfig;
import io.engagementbridge.demo.zendeskapi.JobStatus;
import io.engagementbridge.demo.zendeskapi.SimulatorLimits;
import io.engagementbridge.demo.zendeskapi.User;
import io.engagementbridge.demo.zendeskapi.ZendeskApiSimulator;
import io.engagementbridge.engagement.HostPolicy;
import io.engagementbridge.engagement.HttpClients;
import io.engagementbridge.zendesk.ResponseObserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code sync} command in this process against a Zendesk API simulator, both on a clock running {@code factor} times fast. */
final class ImportHarness implements AutoCloseable {
    final ScaledClock clock;
    final SimulatedZendeskAccount account;
    final Imports imports;
    final ImportDryRun dryRun;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    ImportHarness(Path dir, int factor) {
        this(dir, factor, SimulatorLimits.defaults());
    }

    ImportHarness(Path dir, int factor, SimulatorLimits limits) {
        clock = new ScaledClock(Instant.parse("2026-12-01T10:00:00Z"), factor);
        account = SimulatedZendeskAccount.open(dir, clock, limits, 700, ResponseObserver.NONE);
        var writeSide = account.writeSide();
        var clients = writeSide.zendeskClients(HttpClients.upstream(Timeouts.DEFAULTS, new HostPolicy(List.of(), true)), App.mapper(), clock,
                ResponseObserver.NONE);
        imports = new Imports(writeSide.database(), writeSide.connectionRepository(), clients, ZendeskOAuthConfig.NONE, App.mapper(), clock, clock::sleep);
        dryRun = new ImportDryRun(writeSide.connectionRepository(), clients, ZendeskOAuthConfig.NONE, App.mapper(), clock, clock::sleep);
    }

    ZendeskApiSimulator zendesk() {
        return account.simulator();
    }

    void userField(String json) {
        try {
            account.zendesk().client().createUserField(App.mapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code sync --connection <the account's> args…}; returns the exit code. */
    int sync(String... args) throws InterruptedException {
        out.reset();
        err.reset();
        var all = new java.util.ArrayList<String>(List.of("--connection", account.connectionId()));
        all.addAll(List.of(args));
        var command = new SyncCommand(imports, dryRun, (connection, segmentation, segment) -> {
            throw new IllegalArgumentException("no Engagement here");
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return command.run(all);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Zendesk users by lower-case external id. */
    Map<String, User> usersByExternalId() {
        var users = new HashMap<String, User>();
        zendesk().users().stream().filter(u -> u.externalId() != null).forEach(u -> users.put(u.externalId().toLowerCase(Locale.ROOT), u));
        return users;
    }

    /** How many times bulk jobs wrote each external id successfully, as the simulator's job results say. */
    Map<String, Integer> bulkWritesByExternalId() {
        var writes = new HashMap<String, Integer>();
        for (JobStatus job : zendesk().jobStatuses()) {
            for (var result : job.results()) {
                if (Boolean.TRUE.equals(result.get("success")) && result.get("external_id") != null) {
                    writes.merge(String.valueOf(result.get("external_id")).toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            }
        }
        return writes;
    }

    @Override
    public void close() {
        account.close();
    }
}
