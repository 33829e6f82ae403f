package io.engagementbridge.demo;

import io.engagementbridge.work.NewWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hostile value of the corpus as a failed item's reason and key, and the first twenty as names of requesters
 * without a tier: the admin page shows each as plain text, and no canary runs, whatever is hovered, focused or clicked.
 */
final class AdminPageHostileBrowserTest {
    private static final String KIND = "relay_hostile_corpus";
    private static final List<String> PAYLOADS = HostileContentRendersInertTest.PAYLOADS;

    @RegisterExtension
    static final DemoWorkspace workspace = new DemoWorkspace();
    private final AdminPage page = new AdminPage(workspace);

    /** Runs in the admin page: pokes every element but the action buttons, then reports what is shown. */
    private static final String POKE_AND_READ = """
            var root = document.getElementById('eb-admin');
            var types = ['mouseover', 'mouseenter', 'mousedown', 'mouseup', 'focus', 'focusin', 'blur', 'keydown', 'toggle', 'load', 'error'];
            Array.prototype.slice.call(root.querySelectorAll('*')).forEach(function (el) {
              types.forEach(function (type) { el.dispatchEvent(new Event(type, { bubbles: true })); });
              if (typeof el.focus === 'function') el.focus();
              if (!el.closest('button')) el.click();
            });
            var texts = function (css) { return Array.prototype.map.call(root.querySelectorAll(css), function (el) { return el.textContent; }); };
            var unsafe = Array.prototype.filter.call(root.querySelectorAll('*'), function (el) {
              return /^(script|iframe|object|embed|img|a|svg|math|style|link|form)$/i.test(el.tagName)
                || Array.prototype.some.call(el.attributes, function (a) { return /^on/i.test(a.name); });
            }).map(function (el) { return el.outerHTML.slice(0, 120); });
            return { reasons: texts('#eb-panel-relay .eb-admin-reason'), keys: texts('#eb-panel-relay .eb-admin-dead-letters tbody tr td:first-child'),
                     requesters: texts('#eb-panel-tiers .eb-admin-requesters li'), unsafe: unsafe };
            """;

    @Test
    @SuppressWarnings("unchecked")
    void hostile_reasons_keys_and_requester_names_render_as_plain_text_and_never_run() {
        workspace.browser().runOnEveryDocument(HostileContentRendersInertTest.CANARY);
        var connection = page.connected();
        var work = workspace.demo().writeSide().work();
        var now = Instant.now();
        IntStream.range(0, PAYLOADS.size()).forEach(i -> work.enqueue(new NewWork(connection.id(), KIND, PAYLOADS.get(i), "{}", "hostile-" + i), now));
        var claimed = work.claim(List.of(KIND), PAYLOADS.size(), "hostile-test", now, Duration.ofMinutes(5));
        claimed.forEach(item -> work.deadLetter(item.id(), "hostile-test", PAYLOADS.get(PAYLOADS.indexOf(item.key())), now));
        var zendesk = workspace.demo().zendeskApi();
        IntStream.range(0, 20).forEach(i -> {
            zendesk.seedUser(70_000 + i, PAYLOADS.get(i), "hostile-" + i + "@example.test", null, List.of());
            zendesk.seedTicket(80_000 + i, 70_000 + i, PAYLOADS.get(i), PAYLOADS.get(i), "open", "normal", now);
        });

        page.open("");
        var shown = new Map[1];
        workspace.browser().inApp(() -> shown[0] = (Map<String, Object>) workspace.browser().driver.executeScript(POKE_AND_READ));
        var hits = workspace.browser().driver.executeScript("return (window.__xssHits || []).splice(0);");

        assertThat((List<Object>) hits).as("canary calls and CSP violations").isEmpty();
        assertThat((List<Object>) shown[0].get("unsafe")).as("active elements or handlers in the page").isEmpty();
        assertThat((List<String>) shown[0].get("reasons")).containsExactlyInAnyOrderElementsOf(PAYLOADS);
        assertThat((List<String>) shown[0].get("keys")).containsExactlyInAnyOrderElementsOf(PAYLOADS);
        assertThat((List<String>) shown[0].get("requesters")).containsAll(IntStream.range(0, 20)
                .mapToObj(i -> PAYLOADS.get(i) + " <hostile-" + i + "@example.test>").toList());
    }
}
