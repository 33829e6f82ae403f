package io.engagementbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engagementbridge.zendesk.Decision;
import io.engagementbridge.zendesk.JobPoller;
import io.engagementbridge.zendesk.WriteKind;
import io.engagementbridge.zendesk.ZendeskClients;
import io.engagementbridge.zendesk.ZendeskException;
import io.engagementbridge.zendesk.ZendeskFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a random mix of Zendesk writes through one connection's governor, from several threads:
 * single user writes over a pool of users, ticket updates over a pool of tickets, and bulk
 * create_or_update_many jobs of 100 users, each polled to the end. Every call waits for its permit;
 * nothing here paces by itself.
 */
public final class ZendeskWriteMix {

    /** What to send: {@code writes} write requests, shares of ticket updates and bulk jobs, the rest single user writes. */
    public record Plan(int writes, int users, int tickets, double ticketShare, double bulkShare, int threads, long seed) {
    }

    /** What happened, in simulated time. */
    public record Result(int userWrites, int ticketUpdates, int bulkJobs, int bulkRows, int rateLimited, int failed,
                         Instant started, Instant finished, List<String> failures) {
        public Duration elapsed() {
            return Duration.between(started, finished);
        }
    }

    private final ZendeskClients.Connected zendesk;
    private final ScaledClock clock;
    private final ObjectMapper mapper;

    public ZendeskWriteMix(ZendeskClients.Connected zendesk, ScaledClock clock, ObjectMapper mapper) {
        this.zendesk = zendesk;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** Creates the plan's tickets (paced like everything else) and returns their ids. */
    public List<Long> createTickets(Plan plan) throws InterruptedException {
        var ids = new ArrayList<Long>();
        for (int i = 0; i < plan.tickets(); i++) {
            permit(WriteKind.TICKET_CREATE, null);
            var ticket = mapper.createObjectNode().put("subject", "Benchmark ticket " + i);
            ticket.putObject("comment").put("body", "created by the benchmark");
            ticket.putObject("requester").put("email", "requester" + i + "@bench.example").put("name", "Requester " + i);
            ids.add(zendesk.client().createTicket("bench-ticket-" + plan.seed() + "-" + i, ticket).ticket().path("id").asLong());
        }
        return ids;
    }

    public Result run(Plan plan, List<Long> tickets) throws InterruptedException {
        var next = new AtomicInteger();
        var userWrites = new AtomicInteger();
        var ticketUpdates = new AtomicInteger();
        var bulkJobs = new AtomicInteger();
        var bulkRows = new AtomicInteger();
        var rateLimited = new AtomicInteger();
        var failures = new CopyOnWriteArrayList<String>();
        var sequence = new AtomicLong();
        var started = clock.instant();
        var pool = Executors.newFixedThreadPool(plan.threads());
        for (int t = 0; t < plan.threads(); t++) {
            var random = new Random(plan.seed() * 31 + t);
            pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < plan.writes()) {
                    var roll = random.nextDouble();
                    try {
                        if (roll < plan.bulkShare()) {
                            bulkRows.addAndGet(bulk(random, plan, sequence));
                            bulkJobs.incrementAndGet();
                        } else if (roll < plan.bulkShare() + plan.ticketShare()) {
                            var ticket = tickets.get(random.nextInt(tickets.size()));
                            var permit = permit(WriteKind.TICKET_UPDATE, Long.toString(ticket));
                            try {
                                zendesk.client().updateTicket(ticket, mapper.createObjectNode()
                                        .put("priority", List.of("low", "normal", "high", "urgent").get(random.nextInt(4))));
                            } finally {
                                zendesk.governor().answered(permit);
                            }
                            ticketUpdates.incrementAndGet();
                        } else {
                            var email = "user" + random.nextInt(plan.users()) + "@bench.example";
                            var permit = permit(WriteKind.USER_WRITE, email);
                            try {
                                zendesk.client().createOrUpdateUser(user(email, sequence.incrementAndGet()));
                            } finally {
                                zendesk.governor().answered(permit);
                            }
                            userWrites.incrementAndGet();
                        }
                    } catch (ZendeskException e) {
                        if (e.failure().kind() == ZendeskFailure.Kind.RATE_LIMITED) {
                            rateLimited.incrementAndGet();
                        }
                        failures.add(e.failure().summary());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
            pool.shutdownNow();
        }
        return new Result(userWrites.get(), ticketUpdates.get(), bulkJobs.get(), bulkRows.get(), rateLimited.get(), failures.size(),
                started, clock.instant(), List.copyOf(failures.subList(0, Math.min(5, failures.size()))));
    }

    private int bulk(Random random, Plan plan, AtomicLong sequence) throws InterruptedException {
        var jobKey = "bench-job-" + sequence.incrementAndGet();
        var permit = permit(WriteKind.BULK_JOB, jobKey);
        try {
            var users = new ArrayList<JsonNode>();
            for (int i = 0; i < 100; i++) {
                users.add(user("bulk" + random.nextInt(plan.users() * 20) + "@bench.example", sequence.incrementAndGet()));
            }
            var job = zendesk.client().createOrUpdateManyUsers(users);
            var rows = new JobPoller(zendesk.client(), zendesk.governor(), clock, clock::sleep).awaitRows(job.id(), users.size(), Duration.ofMinutes(30));
            return rows.map(List::size).orElse(0);
        } finally {
            zendesk.governor().release(permit);
        }
    }

    private ObjectNode user(String email, long version) {
        return mapper.createObjectNode().put("email", email).put("name", "Bench " + email.substring(0, email.indexOf('@')))
                .put("skip_verify_email", true).put("notes", "write " + version);
    }

    private Decision.Permit permit(WriteKind kind, String key) throws InterruptedException {
        return zendesk.governor().await(kind, key, clock::sleep);
    }
}
