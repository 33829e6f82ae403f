package io.engagementbridge.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.work.WorkRepository;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * {@code relay replay --connection ID [--dead-letters] [--since TIME]}: after a fix, put the connection's relay
 * dead letters back in line ({@code --dead-letters}), or run a one-off catch-up sweep from {@code --since}
 * (default 24 hours ago) that sends whatever Engagement is missing and nothing it already has. A running
 * backend picks the work up. Output is one JSON line; exit codes 0 done, 1 no such connection, 2 usage.
 */
public final class RelayCli {
    public static final String USAGE = "Usage: java -jar engagement-bridge.jar relay replay --connection ID [--dead-letters] [--since 2026-12-01T00:00:00Z]";
    private static final List<String> REPLAYABLE = List.of(RelayTicketEvent.KIND, RelaySender.KIND, RelaySweep.KIND);

    private final ConnectionRepository connections;
    private final WorkRepository work;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    public RelayCli(ConnectionRepository connections, WorkRepository work, ObjectMapper mapper, Clock clock, PrintStream out, PrintStream err) {
        this.connections = connections;
        this.work = work;
        this.mapper = mapper;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("replay")) {
            err.println(USAGE);
            return 2;
        }
        String connection = null;
        var deadLetters = false;
        Optional<Instant> since = Optional.empty();
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--dead-letters" -> deadLetters = true;
                case "--connection" -> connection = i + 1 < args.size() ? args.get(++i) : null;
                case "--since" -> {
                    if (i + 1 >= args.size()) {
                        err.println("--since needs a time such as 2026-12-01T00:00:00Z");
                        return 2;
                    }
                    try {
                        since = Optional.of(Instant.parse(args.get(++i)));
                    } catch (DateTimeParseException e) {
                        err.println("--since must be an ISO-8601 UTC time such as 2026-12-01T00:00:00Z, was '" + args.get(i) + "'");
                        return 2;
                    }
                }
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        if (connection == null || connection.isBlank()) {
            err.println(USAGE);
            return 2;
        }
        if (connections.find(connection).isEmpty()) {
            err.println("No connection " + connection + ": `connections list` shows their ids");
            return 1;
        }
        var now = clock.instant();
        var result = new LinkedHashMap<String, Object>();
        result.put("connection", connection);
        if (deadLetters) {
            int replayed = 0;
            for (var kind : REPLAYABLE) {
                replayed += work.replayDeadLetters(connection, Optional.of(kind), now);
            }
            result.put("dead_letters_replayed", replayed);
        }
        if (!deadLetters || since.isPresent()) {
            var from = since.orElse(now.minus(Duration.ofHours(24)));
            work.enqueue(RelaySweep.once(connection, from, now.toString()), now);
            result.put("catch_up_sweep_from", from.toString());
        }
        try {
            out.println(mapper.writeValueAsString(result));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return 0;
    }
}
