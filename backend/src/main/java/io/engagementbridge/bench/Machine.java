package io.engagementbridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line saying what the benchmark ran on. */
final class Machine {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private Machine() {
    }

    static String describe() {
        var runtime = Runtime.getRuntime();
        var memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? String.format(", %.1f GiB RAM", os.getTotalMemorySize() / GIB) : "";
        return String.format("%d cores%s%s, %s %s (%s); %s %s, max heap %.1f GiB",
                runtime.availableProcessors(), cpuModel(), memory,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), runtime.maxMemory() / GIB);
    }

    private static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> " (" + line.substring(line.indexOf(':') + 1).trim() + ")").orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
