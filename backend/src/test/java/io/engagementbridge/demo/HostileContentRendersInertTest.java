package io.engagementbridge.demo;

import io.engagementbridge.App;
import io.engagementbridge.DataFiles;
import io.engagementbridge.TestBackends;
import io.engagementbridge.config.BridgeConfig;
import io.engagementbridge.demo.zendesk.SimulatedInstallation;
import io.engagementbridge.demo.zendesk.SimulatedTicket;
import io.engagementbridge.demo.zendesk.ZendeskSimulator;
import io.engagementbridge.settings.SettingsParser;
import io.javalin.Javalin;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile corpus through the whole product in real Chromium: every payload as each kind of value
 * the sidebar renders, as a field label, Managed Endpoint key and value, sidebar title, requester
 * name and the reason on the tier badge. A canary in every document records calls and CSP violations; none may happen, even while
 * elements are hovered, focused and clicked. The backend's fragment must be inert before the front
 * end's own stripping, links and images must stay http(s), and every payload must show as plain text.
 */
final class HostileContentRendersInertTest {
    static final List<String> PAYLOADS = numbered(DataFiles.lines("hostile/xss-payloads.txt"));
    private static final long FIRST_TICKET = 1000;
    private static final long FIRST_LABEL_TICKET = 5000;
    private static final long MANAGED_ENDPOINT_TICKET = 9000;

    /** Installed before any page script, CSP or not; records into the top window so the test reads one log. */
    static final String CANARY = """
            (function () {
              var log = function (what) {
                var entry = what + ' in ' + location.href;
                try { (window.top.__xssHits = window.top.__xssHits || []).push(entry); }
                catch (e) { (window.__xssHits = window.__xssHits || []).push(entry); }
              };
              window.__xss = function (n) { log('__xss(' + n + ')'); };
              window.alert = function (m) { log('alert(' + m + ')'); };
              window.confirm = function (m) { log('confirm(' + m + ')'); return false; };
              window.prompt = function (m) { log('prompt(' + m + ')'); return null; };
              document.addEventListener('securitypolicyviolation', function (e) {
                log('CSP violation of ' + e.effectiveDirective + ' by ' + (e.blockedURI || 'inline') + ' ' + (e.sample || ''));
              });
            })();
            """;

    /** Runs in the app iframe: pokes every element with events, then reports what is shown. */
    private static final String POKE_AND_READ = """
            var root = document.getElementById('eb-root');
            var text = function (el) { return el ? el.textContent : null; };
            var all = Array.prototype.slice.call(root.querySelectorAll('*'));
            var types = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'pointerover', 'focus', 'focusin',
              'blur', 'focusout', 'keydown', 'input', 'change', 'toggle', 'load', 'error', 'animationstart', 'transitionend', 'begin'];
            all.forEach(function (el) {
              types.forEach(function (type) { el.dispatchEvent(new Event(type, { bubbles: true })); });
              if (typeof el.focus === 'function') el.focus();
              if (!el.closest('a, button')) el.click();
            });
            var rows = [];
            root.querySelectorAll('.eb-field').forEach(function (f) { rows.push([text(f.querySelector('dt')), text(f.querySelector('dd'))]); });
            root.querySelectorAll('.eb-metric').forEach(function (m) {
              rows.push([text(m.querySelector('.eb-metric-label')), text(m.querySelector('.eb-metric-value'))]);
            });
            var unsafe = [];
            all.forEach(function (el) {
              Array.prototype.forEach.call(el.attributes, function (a) {
                if (!/^(href|src|xlink:href|action|formaction|poster|data|background)$/i.test(a.name)) return;
                var protocol;
                try { protocol = new URL(a.value, document.baseURI).protocol; } catch (e) { protocol = 'unparseable'; }
                if (protocol !== 'http:' && protocol !== 'https:') unsafe.push(el.tagName + ' ' + a.name + '=' + a.value);
              });
            });
            return { rows: rows, name: text(root.querySelector('.eb-name')), title: text(root.querySelector('.eb-title')),
              tier: text(root.querySelector('.eb-tier-badge')),
              events: text(root.querySelector('.eb-events')),
              reasons: Array.prototype.map.call(root.querySelectorAll('.eb-unavailable'), function (el) { return el.getAttribute('title'); }),
              unsafe: unsafe };
            """;

    /** Parses a fragment inertly and lists anything the templates never produce; relies on nothing in sidebar.js. */
    private static final String FRAGMENT_PROBLEMS = """
            var tags = ['SECTION', 'HEADER', 'FOOTER', 'DIV', 'P', 'H2', 'H3', 'SPAN', 'DL', 'DT', 'DD', 'UL', 'OL', 'LI', 'A', 'IMG',
              'BUTTON', 'TIME'];
            var attributes = ['class', 'data-state', 'data-eb-action', 'type', 'href', 'target', 'rel', 'src', 'alt', 'loading',
              'referrerpolicy', 'title', 'role', 'hidden', 'data-eb-tier', 'data-priority', 'data-tag', 'data-field-value',
              'data-field-id', 'data-applied-label'];
            var doc = new DOMParser().parseFromString(arguments[0], 'text/html');
            var problems = [];
            if (doc.head.childNodes.length > 0) problems.push('content before the fragment: ' + doc.head.innerHTML);
            doc.body.querySelectorAll('*').forEach(function (el) {
              if (tags.indexOf(el.tagName) < 0) problems.push('element ' + el.outerHTML);
              Array.prototype.forEach.call(el.attributes, function (a) {
                if (attributes.indexOf(a.name) < 0) problems.push('attribute ' + a.name + ' on ' + el.tagName);
                if ((a.name === 'href' || a.name === 'src') && !/^https?:$/.test(new URL(a.value, 'http://base.invalid/').protocol)) {
                  problems.push('URL ' + a.value);
                }
              });
            });
            return problems;
            """;

    private static MockWebServer engagement;
    private static Javalin backend;
    private static Host valuesHost;
    private static final List<Host> LABEL_HOSTS = new ArrayList<>();
    private static Host managedEndpointHost;
    private static BrowserSession browser;
    private static Host current;

    /** One Zendesk host page; its installation labels rows with the payloads {@code labelled}, if any. */
    private record Host(ZendeskSimulator simulator, Javalin server, List<Integer> labelled, String title) {
        String url() {
            return "http://localhost:" + server.port() + "/";
        }
    }

    /** A payload and its number in the corpus, which is also the number its canary call reports. */
    record Payload(int number, String text) {
        int index() {
            return number - 1;
        }

        @Override
        public String toString() {
            return "#" + number + " " + text;
        }
    }

    @BeforeAll
    static void start() throws IOException {
        var hostile = new HostileEngagement(PAYLOADS);
        engagement = new MockWebServer();
        engagement.setDispatcher(hostile);
        engagement.start(InetAddress.getLoopbackAddress(), 0);
        backend = new TestBackends().app(BridgeConfig.forLoopback(0)).start("127.0.0.1", 0);

        var allTickets = IntStream.range(0, PAYLOADS.size()).mapToObj(i -> ticket(FIRST_TICKET + i, i)).toList();
        // Every payload is an RFM segment of the top tier, so each customer's tier badge gives its payload as the reason.
        valuesHost = host(PAYLOADS.get(0), HostileEngagement.KINDS, "", allTickets, List.of(), vipForEveryPayload());
        // A fields setting holds at most MAX_FIELDS rows, so a long corpus spreads its labels over several host pages.
        for (int from = 0; from < PAYLOADS.size(); from += SettingsParser.MAX_FIELDS) {
            var labelled = IntStream.range(from, Math.min(from + SettingsParser.MAX_FIELDS, PAYLOADS.size())).boxed().toList();
            var ticket = ticket(FIRST_LABEL_TICKET + LABEL_HOSTS.size(), from);
            LABEL_HOSTS.add(host(PAYLOADS.get(from), hostile.labelFields(labelled), "", List.of(ticket), labelled, ""));
        }
        var last = PAYLOADS.size() - 1;
        managedEndpointHost = host(PAYLOADS.get(last), "", upstream() + HostileEngagement.MANAGED_ENDPOINT_PATH,
                List.of(ticket(MANAGED_ENDPOINT_TICKET, last)), List.of(), "");

        browser = new BrowserSession();
        browser.runOnEveryDocument(CANARY);
        // Tall enough for the app iframe at its maximum height, so the pointer can reach everything in it.
        browser.driver.manage().window().setSize(new Dimension(1400, 1600));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            if (browser != null) {
                Thread.sleep(300);
                assertThat(hits()).as("canary calls after the last check").isEmpty();
            }
        } finally {
            if (browser != null) {
                browser.close();
            }
            Stream.concat(Stream.of(valuesHost, managedEndpointHost), LABEL_HOSTS.stream())
                    .filter(host -> host != null).forEach(host -> host.server().stop());
            if (backend != null) {
                backend.stop();
            }
            if (engagement != null) {
                engagement.close();
            }
        }
    }

    private static List<String> numbered(List<String> lines) {
        return IntStream.range(0, lines.size()).mapToObj(i -> lines.get(i).replace("{n}", String.valueOf(i + 1))).toList();
    }

    static Stream<Payload> payloads() {
        return IntStream.range(0, PAYLOADS.size()).mapToObj(i -> new Payload(i + 1, PAYLOADS.get(i)));
    }

    private static String upstream() {
        return "http://127.0.0.1:" + engagement.getPort();
    }

    private static SimulatedTicket ticket(long id, int payload) {
        var text = PAYLOADS.get(payload);
        return DemoTickets.ticket(id, "Payload " + (payload + 1), "normal", text, 20_000 + id, text, HostileEngagement.email(payload), null, null);
    }

    private static String vipForEveryPayload() {
        var tiers = App.mapper().createArrayNode();
        var vip = tiers.addObject().put("name", "VIP").put("priority", "urgent").put("tag", "cdp_tier_1_vip");
        PAYLOADS.forEach(vip.putObject("when").putArray("rfm_in")::add);
        tiers.addObject().put("name", "Standard").put("priority", "normal").put("tag", "cdp_tier_2_standard");
        return tiers.toString();
    }

    private static Host host(String title, String fields, String managedEndpointUrl, List<SimulatedTicket> tickets, List<Integer> labelled,
                             String priorityRules) {
        var settings = new LinkedHashMap<>(Demo.installation("http://127.0.0.1:" + backend.port(), upstream(), Map.of()).settings());
        settings.put("priority_rules", priorityRules);
        settings.put("title", title);
        settings.put("fields", fields);
        settings.put("managed_endpoint_url", managedEndpointUrl);
        settings.put("external_id_name", "");
        var simulator = new ZendeskSimulator(App.mapper(), new SimulatedInstallation(settings), tickets, Demo.currentUser(),
                List.of("127.0.0.1", "localhost"), new OkHttpClient(), Clock.systemUTC(), engagement::getRequestCount);
        return new Host(simulator, simulator.app().start("127.0.0.1", 0), labelled, title);
    }

    /** Opens the ticket on its host page, pokes and hovers everything, and checks the canary and the backend's fragment. */
    @SuppressWarnings("unchecked")
    private static Shown open(Host host, long ticket) {
        if (current != host) {
            browser.driver.get(host.url());
            browser.await("the ticket list", Duration.ofSeconds(10), () -> browser.find("#ticket-list li"));
            current = host;
        }
        var answered = host.simulator().proxiedAnswers().size();
        browser.openTicket(ticket, "profile");
        var read = new AtomicReference<Map<String, Object>>();
        browser.inApp(() -> {
            // Lazy images load only once scrolled to; a broken one fires its error event when complete.
            browser.await("images to load or fail", Duration.ofSeconds(5), () -> browser.driver.executeScript(
                    "return Array.prototype.every.call(document.images, function (i) { i.scrollIntoView(); return i.complete; });"));
            read.set((Map<String, Object>) browser.driver.executeScript(POKE_AND_READ));
            hoverAndClickEverythingHostile();
        });
        browser.closeOtherWindows(browser.driver.getWindowHandle());

        assertThat(hits()).as("canary calls and CSP violations").isEmpty();
        var fragments = host.simulator().proxiedAnswers();
        assertThat(fragments).hasSizeGreaterThan(answered);
        for (var fragment : fragments.subList(answered, fragments.size())) {
            assertThat((List<String>) browser.driver.executeScript(FRAGMENT_PROBLEMS, fragment)).as("markup in the backend's fragment").isEmpty();
        }
        return new Shown(read.get());
    }

    /** Real pointer moves over every link and image that Engagement's data produced, then clicks on those links. */
    private static void hoverAndClickEverythingHostile() {
        var driver = browser.driver;
        var hostile = driver.findElements(By.cssSelector("#eb-root dd a, #eb-root dd img, #eb-root .eb-metric-value a, #eb-root .eb-metric-value img"))
                .stream().filter(element -> !element.getText().equals(HostileEngagement.PLAIN_PRODUCT)).toList();
        if (hostile.isEmpty()) {
            return;
        }
        var pointer = new Actions(driver);
        hostile.forEach(pointer::moveToElement);
        pointer.perform();
        hostile.stream().filter(element -> element.getTagName().equals("a")).forEach(WebElement::click);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> hits() {
        browser.driver.switchTo().defaultContent();
        return (List<Object>) browser.driver.executeScript("return (window.__xssHits || []).splice(0);");
    }

    /** Whitespace as the reader sees it: runs collapse to one space, ends trimmed. */
    private static String plain(Object text) {
        return text == null ? null : text.toString().replaceAll("\\s+", " ").strip();
    }

    /** What the app iframe showed, with whitespace made plain. */
    private record Shown(Map<String, String> rows, String name, String title, String tier, String events, List<String> reasons,
                         List<Object> unsafe) {
        @SuppressWarnings("unchecked")
        Shown(Map<String, Object> read) {
            this(rows((List<List<String>>) read.get("rows")), plain(read.get("name")), plain(read.get("title")), plain(read.get("tier")),
                    plain(read.get("events")),
                    ((List<Object>) read.get("reasons")).stream().map(HostileContentRendersInertTest::plain).toList(),
                    (List<Object>) read.get("unsafe"));
        }

        private static Map<String, String> rows(List<List<String>> rows) {
            var byLabel = new LinkedHashMap<String, String>();
            rows.forEach(row -> byLabel.merge(plain(row.get(0)), plain(row.get(1)), (a, b) -> a + " | " + b));
            return byLabel;
        }
    }

    @Test
    void the_corpus_holds_at_least_forty_payloads() {
        assertThat(PAYLOADS).hasSizeGreaterThanOrEqualTo(40).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void payload_shows_as_inert_text_in_every_kind_of_value_and_as_the_requester_name(Payload payload) {
        var shown = open(valuesHost, FIRST_TICKET + payload.index());

        var text = plain(payload.text());
        assertThat(shown.unsafe()).as("links and images that are not http(s)").isEmpty();
        HostileEngagement.TEXT_LABELS.forEach(label -> assertThat(shown.rows()).as(label).containsEntry(label, text));
        assertThat(shown.rows().get(HostileEngagement.LIST_LABEL)).contains(text);
        assertThat(shown.rows().get(HostileEngagement.NESTED_LABEL)).contains(text + ": " + text);
        assertThat(shown.rows().get(HostileEngagement.PRODUCTS_LABEL)).contains(text, HostileEngagement.PLAIN_PRODUCT);
        assertThat(shown.rows()).containsEntry(HostileEngagement.DENIED_LABEL, "unavailable");
        assertThat(shown.reasons()).containsExactly(text);
        assertThat(shown.name()).isEqualTo(text);
        assertThat(shown.tier()).as("tier badge").isEqualTo("VIP · RFM segment " + text);
        assertThat(shown.title()).isEqualTo(plain(valuesHost.title()));
        assertThat(shown.events()).as("recent interactions").contains("Product: " + text, "Status: " + text);
    }

    @Test
    void payloads_show_as_inert_text_as_field_labels_and_title() {
        for (int i = 0; i < LABEL_HOSTS.size(); i++) {
            var host = LABEL_HOSTS.get(i);
            var shown = open(host, FIRST_LABEL_TICKET + i);

            assertThat(shown.unsafe()).as("links and images that are not http(s)").isEmpty();
            host.labelled().forEach(k -> assertThat(shown.rows()).containsEntry(plain(PAYLOADS.get(k)), plain(PAYLOADS.get(k))));
            assertThat(shown.title()).isEqualTo(plain(host.title()));
        }
    }

    @Test
    void managed_endpoint_keys_and_values_show_as_inert_text() {
        var shown = open(managedEndpointHost, MANAGED_ENDPOINT_TICKET);

        assertThat(shown.unsafe()).as("links and images that are not http(s)").isEmpty();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            assertThat(shown.rows()).containsEntry(plain(PAYLOADS.get(i)), plain(PAYLOADS.get((i + 1) % PAYLOADS.size())));
            assertThat(shown.rows().get(HostileEngagement.LIST_LABEL)).contains(plain(PAYLOADS.get(i)));
        }
        assertThat(shown.rows().get(HostileEngagement.NESTED_LABEL)).isEqualTo(plain(PAYLOADS.get(0)) + ": " + plain(PAYLOADS.get(1)));
        assertThat(shown.name()).isEqualTo(plain(PAYLOADS.get(PAYLOADS.size() - 1)));
        assertThat(shown.title()).isEqualTo(plain(managedEndpointHost.title()));
    }
}
