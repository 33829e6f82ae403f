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
import java.util.function.Supplier;

/** Debian's headless Chromium driven by its matching chromedriver; fails loudly (never skips) when they are missing. */
final class BrowserSession implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;

    BrowserSession() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: run 'bash .ci/setup' first");
        }
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).build();
        var options = new ChromeOptions().setBinary(CHROMIUM.toString()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
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
