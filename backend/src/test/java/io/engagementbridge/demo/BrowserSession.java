package io.engagementbridge.demo;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Debian's headless Chromium driven by its matching chromedriver; fails loudly (never skips) when they
 * are missing. It reaches loopback only: everything else goes to a proxy on a closed loopback port.
 */
final class BrowserSession implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final Duration SIDEBAR = Duration.ofSeconds(10);

    final ChromeDriver driver;

    BrowserSession() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: run 'bash .ci/setup' first");
        }
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).build();
        var options = new ChromeOptions().setBinary(CHROMIUM.toString()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--proxy-server=127.0.0.1:9",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("eb-chrome"));
        driver = new ChromeDriver(service, options);
    }

    /** Polls until the supplier returns non-null (or true), failing with {@code what} after the timeout. */
    <T> T await(String what, Duration timeout, Supplier<T> probe) {
        var deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                var value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            sleep();
        }
        throw new AssertionError("Timed out waiting for " + what, last);
    }

    /** Runs {@code script} in every document and frame before its own scripts; the page's CSP does not apply. */
    void runOnEveryDocument(String script) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    /** Clicks a ticket in the host page's queue and waits for its sidebar in {@code state}; returns the milliseconds that took. */
    long openTicket(long id, String state) {
        var started = System.nanoTime();
        find("#ticket-list li[data-ticket-id='" + id + "']").click();
        awaitSidebar("ticket_sidebar", state);
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    /** Waits until the app iframe at {@code location} shows a fragment in {@code state} (null: any) and is not busy. */
    void awaitSidebar(String location, String state) {
        var fragment = state == null ? ".eb-sidebar" : ".eb-sidebar[data-state='" + state + "']";
        await("a " + (state == null ? "" : state + " ") + "sidebar in " + location, SIDEBAR, () -> {
            var frame = find("#app-frame");
            if (frame == null || !location.equals(frame.getDomAttribute("data-location"))) {
                return false;
            }
            var shown = new boolean[1];
            inApp(() -> shown[0] = find("#eb-root[aria-busy='false'] " + fragment) != null);
            return shown[0];
        });
    }

    /** The app's visible text, with no-break spaces as plain spaces. */
    String appText() {
        var text = new String[1];
        inApp(() -> text[0] = driver.findElement(By.id("eb-root")).getText());
        return text[0].replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    /** Closes every window but the first, e.g. tabs that links with target=_blank opened. */
    void closeOtherWindows(String first) {
        for (var handle : driver.getWindowHandles()) {
            if (!handle.equals(first)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(first);
    }

    WebElement find(String css) {
        var found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
    }

    void inApp(Runnable action) {
        driver.switchTo().defaultContent();
        driver.switchTo().frame(driver.findElement(By.id("app-frame")));
        try {
            action.run();
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
