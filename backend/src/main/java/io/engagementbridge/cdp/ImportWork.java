package io.engagementbridge.cdp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.work.NewWork;
import io.engagementbridge.work.Outcome;
import io.engagementbridge.work.WorkHandler;
import io.engagementbridge.work.WorkItem;
import io.engagementbridge.work.WorkRepository;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs an import stored through {@code POST /v1/cdp/imports} as queued work. The import keeps its own
 * progress, so the handler runs it to the end while renewing its lease; should the process die, the lease
 * lapses and another worker resumes it where it stopped.
 */
public final class ImportWork implements WorkHandler {
    public static final String KIND = "cdp_import";

    private final Imports imports;
    private final WorkRepository work;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String workerId;
    private final Duration lease;

    public ImportWork(Imports imports, WorkRepository work, ObjectMapper mapper, Clock clock, String workerId, Duration lease) {
        this.imports = imports;
        this.work = work;
        this.mapper = mapper;
        this.clock = clock;
        this.workerId = workerId;
        this.lease = lease;
    }

    static NewWork of(String connectionId, String importId, boolean bulk, ObjectMapper mapper, String idempotencyKey) {
        return new NewWork(connectionId, KIND, "import:" + importId, mapper.createObjectNode().put("import", importId).put("bulk", bulk).toString(),
                idempotencyKey);
    }

    @Override
    public Outcome handle(WorkItem item) throws IOException, InterruptedException {
        var payload = mapper.readTree(item.payload());
        var id = payload.path("import").asText();
        var renewed = new Instant[] {clock.instant()};
        try {
            imports.run(id, payload.path("bulk").asBoolean(true), Instant.MAX, (settled, total) -> {
                var now = clock.instant();
                if (Duration.between(renewed[0], now).compareTo(lease.dividedBy(3)) > 0) {
                    work.extendLease(item.id(), workerId, now.plus(lease));
                    renewed[0] = now;
                }
            });
            return Outcome.DONE;
        } catch (ImportRunner.BulkDisabled | ImportRunner.CannotRun e) {
            imports.stop(id, e.getMessage());
            return Outcome.deadLetter(e.getMessage());
        }
    }
}
