package io.engagementbridge.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.engagement.HostPolicy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code connections add --file F | list | remove ID}: the operator's way to manage connections.
 * Output is JSON lines; exit codes 0 done, 1 not found, 2 usage or input error.
 */
public final class ConnectionsCli {
    private final Connections connections;
    private final ZendeskCredentialCheck check;
    private final HostPolicy zendeskHosts;
    private final HostPolicy engagementHosts;
    private final ObjectMapper mapper;
    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<String> provision;

    /** {@code provision} is given each new connection's id, to queue provisioning its Zendesk account. */
    public ConnectionsCli(Connections connections, ZendeskCredentialCheck check, HostPolicy zendeskHosts, HostPolicy engagementHosts,
                          ObjectMapper mapper, PrintStream out, PrintStream err, Consumer<String> provision) {
        this.connections = connections;
        this.check = check;
        this.zendeskHosts = zendeskHosts;
        this.engagementHosts = engagementHosts;
        this.mapper = mapper;
        this.out = out;
        this.err = err;
        this.provision = provision;
    }

    public static final String USAGE = "Usage: java -jar engagement-bridge.jar connections add --file connection.json | list | remove ID";

    public int run(List<String> args) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        switch (args.get(0)) {
            case "add":
                if (args.size() != 3 || !args.get(1).equals("--file")) {
                    err.println(USAGE);
                    return 2;
                }
                return add(Path.of(args.get(2)));
            case "list":
                connections.list().forEach(c -> out.println(json(summary(c))));
                return 0;
            case "remove":
                if (args.size() != 2) {
                    err.println(USAGE);
                    return 2;
                }
                if (connections.remove(args.get(1))) {
                    out.println(json(java.util.Map.of("removed", args.get(1))));
                    return 0;
                }
                err.println("No connection " + args.get(1) + ": `connections list` shows their ids");
                return 1;
            default:
                err.println(USAGE);
                return 2;
        }
    }

    private int add(Path file) {
        ConnectionDefinition definition;
        try {
            definition = ConnectionDefinition.parse(mapper.readTree(Files.readString(file)), zendeskHosts, engagementHosts);
        } catch (NoSuchFileException e) {
            err.println("No such file: " + file);
            return 2;
        } catch (JsonProcessingException e) {
            err.println(file + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
            return 2;
        } catch (IOException e) {
            err.println(file + " cannot be read: " + e.getMessage());
            return 2;
        } catch (InvalidConnectionException e) {
            err.println(file + " cannot be used:");
            e.problems().forEach(p -> err.println("  - " + p));
            return 2;
        }
        var problem = check.problem(definition);
        if (problem.isPresent()) {
            err.println(file + " cannot be used: " + problem.get());
            return 2;
        }
        var added = connections.add(definition);
        provision.accept(added.id());
        var line = new LinkedHashMap<String, Object>();
        line.put("id", added.id());
        line.put("inbound_token", added.inboundToken());
        line.put("webhook_url", added.webhookUrl());
        line.put("provisioning", "queued");
        out.println(json(line));
        return 0;
    }

    private static java.util.Map<String, Object> summary(Connection c) {
        var line = new LinkedHashMap<String, Object>();
        line.put("id", c.id());
        line.put("name", c.name());
        line.put("zendesk_url", c.zendeskUrl());
        line.put("auth_type", c.authType().wire());
        line.put("engagement_base_url", c.engagementBaseUrl());
        line.put("secrets", "***");
        line.put("created_at", c.createdAt().toString());
        return line;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
