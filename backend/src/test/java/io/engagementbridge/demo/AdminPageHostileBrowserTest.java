package io.engagementbridge.demo;

import io.engagementbridge.work.NewWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        var unsafe = page.pokeEveryElement();
        var hits = workspace.browser().driver.executeScript("return (window.__xssHits || []).splice(0);");

        assertThat((List<Object>) hits).as("canary calls and CSP violations").isEmpty();
        assertThat(unsafe).as("active elements or handlers in the page").isEmpty();
        assertThat(page.texts("#eb-panel-relay .eb-admin-reason")).containsExactlyInAnyOrderElementsOf(PAYLOADS);
        assertThat(page.texts("#eb-panel-relay .eb-admin-dead-letters tbody tr td:first-child")).containsExactlyInAnyOrderElementsOf(PAYLOADS);
        assertThat(page.texts("#eb-panel-tiers .eb-admin-requesters li")).containsAll(IntStream.range(0, 20)
                .mapToObj(i -> PAYLOADS.get(i) + " <hostile-" + i + "@example.test>").toList());
    }
}
