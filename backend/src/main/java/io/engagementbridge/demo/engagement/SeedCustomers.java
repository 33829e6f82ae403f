package io.engagementbridge.demo.engagement;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Deterministic demo customers. Everything time-related is relative to the {@code now} given to the
 * constructor, never the wall clock, so one seed always yields the same data.
 */
public final class SeedCustomers {
    public static final Instant DEMO_NOW = Instant.parse("2026-11-20T09:30:00Z");
    public static final long DEMO_SEED = 20_261_120L;
    public static final int DEMO_COUNT = 60;
    public static final Duration EVENT_WINDOW = Duration.ofDays(180);

    public static final List<String> RFM_SEGMENTS = List.of(
            "Champions", "Loyal Customers", "Potential Loyalists", "Recent Customers", "Promising",
            "Customers Needing Attention", "About To Sleep", "At Risk", "Can't Lose Them", "Hibernating", "Lost");
    public static final List<String> LOYALTY_TIERS = List.of("Bronze", "Silver", "Gold", "Platinum");
    public static final List<String> EMAIL_ENGAGEMENT_SEGMENTS = List.of("Active", "Inactive", "Dormant");

    public static final String ADA_EMAIL = "ada.lovelace@example.com";
    public static final String GRACE_EMAIL = "grace.hopper@example.com";
    public static final String ALAN_EMAIL = "alan.turing@example.com";
    public static final String MALLORY_EMAIL = "mallory@example.com";
    /** The fixed customers come first, in this order: Ada, Grace, Alan, Mallory. */
    public static final int FIXED_COUNT = 4;

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    /** Beyond this many customers namesakes are allowed (emails stay unique). */
    private static final int MAX_DISTINCT_NAMES = 500;

    private record Segment(String name, int minDays, int maxDays, int minOrders, int maxOrders,
                           double minAov, double maxAov, double churn, int weight) {
    }

    private static final List<Segment> SEGMENTS = List.of(
            new Segment("Champions", 1, 14, 12, 40, 80, 260, 0.05, 6),
            new Segment("Loyal Customers", 5, 45, 8, 25, 50, 150, 0.12, 8),
            new Segment("Potential Loyalists", 3, 30, 2, 6, 40, 120, 0.22, 8),
            new Segment("Recent Customers", 1, 14, 1, 1, 20, 120, 0.28, 6),
            new Segment("Promising", 10, 40, 1, 2, 20, 80, 0.33, 5),
            new Segment("Customers Needing Attention", 30, 75, 3, 8, 40, 110, 0.45, 5),
            new Segment("About To Sleep", 60, 110, 1, 3, 20, 70, 0.6, 5),
            new Segment("At Risk", 90, 160, 4, 12, 50, 140, 0.7, 5),
            new Segment("Can't Lose Them", 120, 175, 15, 35, 90, 260, 0.76, 3),
            new Segment("Hibernating", 150, 260, 1, 3, 15, 60, 0.86, 5),
            new Segment("Lost", 260, 600, 1, 2, 10, 50, 0.94, 4));

    private static final List<List<List<String>>> CULTURES = List.of(
            List.of(List.of("Oliver", "Charlotte", "Harry", "Amelia", "George", "Isla", "Thomas", "Emily"),
                    List.of("Smith", "Taylor", "Brown", "Wilson", "O'Brien", "Clarke", "Hughes", "Bennett")),
            List.of(List.of("Jürgen", "Lena", "Matthias", "Sophie", "Lukas", "Anja"),
                    List.of("Müller", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann")),
            List.of(List.of("Élodie", "Julien", "Camille", "Théo", "Chloé", "Mathieu"),
                    List.of("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard")),
            List.of(List.of("José", "Lucía", "Alejandro", "Carmen", "Mateo", "Valentina"),
                    List.of("García", "Fernández", "López", "Martínez", "Sánchez", "Romero")),
            List.of(List.of("João", "Ana", "Thiago", "Beatriz", "Rafael", "Mariana"),
                    List.of("Silva", "Santos", "Oliveira", "Costa", "Pereira", "Almeida")),
            List.of(List.of("Søren", "Ingrid", "Magnus", "Freja", "Lars", "Astrid"),
                    List.of("Jensen", "Nielsen", "Lindqvist", "Berg", "Hansen", "Andersen")),
            List.of(List.of("Łukasz", "Agnieszka", "Piotr", "Katarzyna", "Tomasz", "Zofia"),
                    List.of("Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Zając")),
            List.of(List.of("Yuki", "Haruto", "Sakura", "Ren", "Aoi", "Kenji"),
                    List.of("Tanaka", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto")),
            List.of(List.of("Wei", "Mei", "Jun", "Xiu", "Hao", "Lan"),
                    List.of("Zhang", "Wang", "Li", "Chen", "Liu", "Huang")),
            List.of(List.of("Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram"),
                    List.of("Sharma", "Patel", "Raghunathan", "Iyer", "Reddy", "Gupta")),
            List.of(List.of("Chinedu", "Ngozi", "Emeka", "Adaeze", "Tunde", "Folake"),
                    List.of("Okafor", "Adeyemi", "Nwosu", "Balogun", "Eze", "Okonkwo")),
            List.of(List.of("Layla", "Omar", "Yasmin", "Karim", "Nour", "Samir"),
                    List.of("Haddad", "Khalil", "Mansour", "Saleh", "Nasser", "Aziz")),
            List.of(List.of("Ayşe", "Emre", "Elif", "Burak", "Zeynep", "Mehmet"),
                    List.of("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk")),
            List.of(List.of("Daan", "Sanne", "Bram", "Fleur", "Jeroen", "Lotte"),
                    List.of("de Vries", "van Dijk", "Jansen", "Bakker", "Visser", "Smit")),
            List.of(List.of("Ji-woo", "Min-jun", "Seo-yeon", "Hyun-woo", "Da-eun", "Joon-ho"),
                    List.of("Kim", "Lee", "Park", "Choi", "Jung", "Kang")));

    private static final List<String> DOMAINS = List.of(
            "example.com", "example.net", "example.org", "mail.example.com", "inbox.example.net", "post.example.org");
    private static final List<String> CONSENT_SOURCES = List.of("checkout", "web_form", "mobile_app", "preference_center");
    private static final List<String> CONSENT_MESSAGES = List.of(
            "Subscribed at checkout", "Signed up via footer form", "Opted in from the mobile app",
            "Updated preferences in the preference center");
    private static final List<String> TICKET_SUBJECTS = List.of(
            "Where is my order?", "Wrong size delivered", "Refund request", "Change delivery address",
            "Discount code not working", "Damaged item on arrival", "Question about warranty");
    /** Letters that Unicode does not decompose into a base letter plus accent. */
    private static final Map<String, String> UNDECOMPOSABLE = Map.of("ł", "l", "ø", "o", "ı", "i", "ß", "ss", "æ", "ae", "đ", "d");

    private static final List<String> DEVICES = List.of("desktop", "mobile", "tablet");
    private static final List<String> BROWSERS = List.of("Chrome", "Safari", "Firefox", "Edge");

    private final Instant now;

    public SeedCustomers(Instant now) {
        this.now = now;
    }

    /** The demo's customers: {@link #DEMO_COUNT} customers at {@link #DEMO_NOW} from {@link #DEMO_SEED}. */
    public static List<SimulatedCustomer> demo() {
        return new SeedCustomers(DEMO_NOW).generate(DEMO_SEED, DEMO_COUNT);
    }

    /** {@code count} customers including the {@link #FIXED_COUNT} fixed ones at the top; emails are unique. */
    public List<SimulatedCustomer> generate(long seed, int count) {
        if (count < FIXED_COUNT) {
            throw new IllegalArgumentException("count must be at least " + FIXED_COUNT + " (the fixed customers)");
        }
        var random = new Random(seed);
        var customers = new ArrayList<SimulatedCustomer>(count);
        var usedEmails = new HashSet<String>(List.of(ADA_EMAIL, "ada@analytical.example", GRACE_EMAIL, ALAN_EMAIL, MALLORY_EMAIL));
        customers.add(fixed(random, "Ada", "Lovelace", ADA_EMAIL, "ada@analytical.example", "C-1001",
                12_845.50, 58, 2, "Champions", "Platinum", 14_210, "Active", 0.04, true,
                List.of("105", "103", "107", "111", "101")));
        customers.add(fixed(random, "Grace", "Hopper", GRACE_EMAIL, null, null,
                3_420.75, 21, 9, "Loyal Customers", "Gold", 3_655, "Active", 0.12, true,
                List.of("102", "106", "108")));
        customers.add(fixed(random, "Alan", "Turing", ALAN_EMAIL, null, null,
                89.99, 1, 124, "At Risk", "Bronze", 90, "Inactive", 0.78, false,
                List.of("104", "113")));
        customers.add(mallory(random));
        var usedNames = new HashSet<String>();
        customers.forEach(customer -> usedNames.add(customer.fullName()));
        int nextExternalId = 10_017;
        while (customers.size() < count) {
            String first;
            String last;
            do {
                var culture = CULTURES.get(random.nextInt(CULTURES.size()));
                first = pick(random, culture.get(0));
                last = pick(random, culture.get(1));
            } while (!usedNames.add(first + " " + last) && usedNames.size() < MAX_DISTINCT_NAMES);
            var email = uniqueEmail(ascii(first) + "." + ascii(last), pick(random, DOMAINS), usedEmails);
            String secondary = null;
            if (random.nextDouble() < 0.3) {
                var local = random.nextBoolean() ? ascii(first) + (10 + random.nextInt(90)) : ascii(first).charAt(0) + ascii(last);
                var candidate = local + "@" + pick(random, DOMAINS);
                if (usedEmails.add(candidate)) {
                    secondary = candidate;
                }
            }
            String externalId = null;
            if (random.nextDouble() < 0.4) {
                externalId = "C-" + nextExternalId;
                nextExternalId += 1 + random.nextInt(40);
            }
            customers.add(generated(random, first, last, email, secondary, externalId));
        }
        return List.copyOf(customers);
    }

    private SimulatedCustomer generated(Random random, String first, String last, String email, String secondary, String externalId) {
        var cookies = cookies(random);
        if (random.nextDouble() >= 0.88) {
            var engagement = random.nextDouble() < 0.5 ? "Inactive" : "Dormant";
            return new SimulatedCustomer(first, last, email, secondary, externalId, cookies, 0.0, 0, null, null,
                    "Bronze", random.nextInt(60), engagement, round(0.45 + random.nextDouble() * 0.2, 3),
                    consent(random), events(random, null, 0), recommendations(random));
        }
        var segment = weighted(random);
        var recencyMillis = (long) ((segment.minDays() + random.nextDouble() * (segment.maxDays() - segment.minDays())) * DAY_MILLIS);
        var lastPurchase = now.minusMillis(recencyMillis);
        var orders = segment.minOrders() + random.nextInt(segment.maxOrders() - segment.minOrders() + 1);
        var aov = segment.minAov() + random.nextDouble() * (segment.maxAov() - segment.minAov());
        var ltv = round(orders * aov, 2);
        var churn = round(Math.min(0.99, Math.max(0.01, segment.churn() + (random.nextDouble() - 0.5) * 0.16)), 3);
        return new SimulatedCustomer(first, last, email, secondary, externalId, cookies, ltv, orders, lastPurchase,
                segment.name(), tier(ltv), (int) ltv + random.nextInt(400), engagement(random, recencyMillis / DAY_MILLIS),
                churn, consent(random), events(random, lastPurchase, orders), recommendations(random));
    }

    private SimulatedCustomer fixed(Random random, String first, String last, String email, String secondary, String externalId,
                                    double ltv, int orders, int recencyDays, String rfm, String tier, int points,
                                    String engagement, double churn, boolean subscribed, List<String> recommendations) {
        var lastPurchase = now.minus(Duration.ofDays(recencyDays)).minusSeconds(3_600 + random.nextInt(30_000));
        var consent = subscribed
                ? new NewsletterConsent(true, now.minus(Duration.ofDays(400)), "Subscribed at checkout", "checkout", null)
                : new NewsletterConsent(false, now.minus(Duration.ofDays(60)), "Unsubscribed via email footer link", "email_footer", null);
        return new SimulatedCustomer(first, last, email, secondary, externalId, cookies(random), ltv, orders, lastPurchase,
                rfm, tier, points, engagement, churn, consent, events(random, lastPurchase, orders), recommendations);
    }

    /** Every value a sidebar might print is hostile here, so a test can prove the product renders them inert. */
    private SimulatedCustomer mallory(Random random) {
        var lastPurchase = now.minus(Duration.ofDays(20));
        var events = new ArrayList<>(events(random, lastPurchase, 3));
        if (events.size() == 15) {
            events.remove(0);
        }
        var ticket = new LinkedHashMap<String, Object>();
        ticket.put("ticket_id", 6666);
        ticket.put("subject", "<b onmouseover=alert(5)>Refund now</b>");
        ticket.put("status", "open");
        ticket.put("priority", "urgent");
        ticket.put("support_suite", "Zendesk");
        events.add(new SimulatedEvent("support_ticket", now.minus(Duration.ofHours(1)), ticket));
        events.sort(Comparator.comparing(SimulatedEvent::timestamp));
        var consent = new NewsletterConsent(true, now.minus(Duration.ofDays(30)), "<iframe src=javascript:alert(10)>",
                "<img src=x onerror=alert(11)>", null);
        return new SimulatedCustomer("<img src=x onerror=alert(1)>", "\"><script>alert(2)</script>", MALLORY_EMAIL, null, null,
                cookies(random), 666.00, 3, lastPurchase, "<svg onload=alert(3)>", "javascript:alert(4)", 666, "Dormant", 0.5,
                consent, events, List.of(ProductCatalog.HOSTILE_ITEM.id(), "109"));
    }

    private List<SimulatedEvent> events(Random random, Instant lastPurchase, int orders) {
        var windowStart = now.minus(EVENT_WINDOW);
        var target = 5 + random.nextInt(11);
        var events = new ArrayList<SimulatedEvent>();
        var purchasesLeft = 0;
        if (lastPurchase != null && lastPurchase.isAfter(windowStart)) {
            var product = pick(random, ProductCatalog.items());
            var sessionStart = lastPurchase.minusSeconds(120 + random.nextInt(2_400));
            events.add(sessionStart(random, sessionStart));
            events.add(viewItem(product, between(random, sessionStart, lastPurchase)));
            events.add(purchase(random, product, lastPurchase));
            purchasesLeft = Math.min(orders - 1, 4);
        }
        while (events.size() < target) {
            var roll = random.nextInt(100);
            if (roll < 12 && purchasesLeft > 0) {
                purchasesLeft--;
                events.add(purchase(random, pick(random, ProductCatalog.items()), between(random, windowStart, lastPurchase)));
            } else if (roll < 40) {
                events.add(sessionStart(random, between(random, windowStart, now)));
            } else if (roll < 62) {
                events.add(cartUpdate(random, pick(random, ProductCatalog.items()), between(random, windowStart, now)));
            } else if (roll < 93) {
                events.add(viewItem(pick(random, ProductCatalog.items()), between(random, windowStart, now)));
            } else {
                events.add(supportTicket(random, between(random, windowStart, now)));
            }
        }
        events.sort(Comparator.comparing(SimulatedEvent::timestamp));
        return events;
    }

    private static SimulatedEvent purchase(Random random, CatalogItem product, Instant at) {
        var quantity = 1 + (random.nextDouble() < 0.2 ? 1 : 0);
        var properties = new LinkedHashMap<String, Object>();
        properties.put("purchase_id", "O-" + (100_000 + random.nextInt(900_000)));
        properties.put("total_price", round(product.price() * quantity, 2));
        properties.put("currency", "USD");
        properties.put("product_id", product.id());
        properties.put("product", product.title());
        properties.put("quantity", quantity);
        return new SimulatedEvent("purchase", at, properties);
    }

    private static SimulatedEvent viewItem(CatalogItem product, Instant at) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("product_id", product.id());
        properties.put("title", product.title());
        properties.put("category", product.category());
        properties.put("price", product.price());
        return new SimulatedEvent("view_item", at, properties);
    }

    private static SimulatedEvent cartUpdate(Random random, CatalogItem product, Instant at) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("action", random.nextDouble() < 0.75 ? "add" : "remove");
        properties.put("product_id", product.id());
        properties.put("title", product.title());
        properties.put("price", product.price());
        properties.put("quantity", 1);
        return new SimulatedEvent("cart_update", at, properties);
    }

    private static SimulatedEvent sessionStart(Random random, Instant at) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("device", pick(random, DEVICES));
        properties.put("browser", pick(random, BROWSERS));
        properties.put("location", "https://shop.example/");
        return new SimulatedEvent("session_start", at, properties);
    }

    private static SimulatedEvent supportTicket(Random random, Instant at) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("ticket_id", 2_000 + random.nextInt(8_000));
        properties.put("subject", pick(random, TICKET_SUBJECTS));
        properties.put("status", random.nextDouble() < 0.8 ? "solved" : "closed");
        properties.put("priority", random.nextDouble() < 0.7 ? "normal" : "high");
        properties.put("support_suite", "Zendesk");
        return new SimulatedEvent("support_ticket", at, properties);
    }

    private NewsletterConsent consent(Random random) {
        if (random.nextDouble() < 0.15) {
            return null;
        }
        var at = now.minusMillis((long) ((10 + random.nextDouble() * 690) * DAY_MILLIS));
        if (random.nextDouble() < 0.72) {
            var until = random.nextDouble() < 0.25 ? now.plus(Duration.ofDays(30 + random.nextInt(370))) : null;
            return new NewsletterConsent(true, at, pick(random, CONSENT_MESSAGES), pick(random, CONSENT_SOURCES), until);
        }
        return new NewsletterConsent(false, at, "Unsubscribed via email footer link", "email_footer", null);
    }

    private static List<String> recommendations(Random random) {
        if (random.nextDouble() < 0.2) {
            return List.of();
        }
        var pool = new ArrayList<>(ProductCatalog.items());
        var size = 3 + random.nextInt(4);
        var ids = new ArrayList<String>(size);
        for (int i = 0; i < size; i++) {
            ids.add(pool.remove(random.nextInt(pool.size())).id());
        }
        return ids;
    }

    private static List<String> cookies(Random random) {
        var cookies = new ArrayList<String>();
        var count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            // Version-4 layout from the seeded generator, so cookies stay deterministic.
            var msb = (random.nextLong() & ~0xF000L) | 0x4000L;
            var lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            cookies.add(new UUID(msb, lsb).toString());
        }
        return cookies;
    }

    private static String engagement(Random random, long recencyDays) {
        var roll = random.nextDouble();
        if (recencyDays < 30) {
            return roll < 0.8 ? "Active" : "Inactive";
        }
        if (recencyDays < 120) {
            return roll < 0.4 ? "Active" : roll < 0.85 ? "Inactive" : "Dormant";
        }
        return roll < 0.4 ? "Inactive" : "Dormant";
    }

    private static String tier(double ltv) {
        if (ltv >= 4_000) {
            return "Platinum";
        }
        if (ltv >= 1_500) {
            return "Gold";
        }
        return ltv >= 300 ? "Silver" : "Bronze";
    }

    private static Segment weighted(Random random) {
        var total = SEGMENTS.stream().mapToInt(Segment::weight).sum();
        var roll = random.nextInt(total);
        for (var segment : SEGMENTS) {
            roll -= segment.weight();
            if (roll < 0) {
                return segment;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static Instant between(Random random, Instant start, Instant end) {
        var span = Duration.between(start, end).toMillis();
        return span <= 0 ? start : start.plusMillis((long) (random.nextDouble() * span));
    }

    private static String uniqueEmail(String local, String domain, Set<String> used) {
        var candidate = local + "@" + domain;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = local + n + "@" + domain;
        }
        return candidate;
    }

    /** An email-safe local part: accents stripped, letters only, lower case. */
    static String ascii(String name) {
        var lower = name.toLowerCase(Locale.ROOT);
        for (var entry : UNDECOMPOSABLE.entrySet()) {
            lower = lower.replace(entry.getKey(), entry.getValue());
        }
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("[^a-z]", "");
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static double round(double value, int decimals) {
        var factor = Math.pow(10, decimals);
        return Math.round(value * factor) / factor;
    }
}
