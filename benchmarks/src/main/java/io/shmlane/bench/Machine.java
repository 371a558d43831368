package io.shmlane.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Facts about the machine and the JVM the numbers come from. */
public final class Machine {
    private Machine() {}

    /** The CPU model from {@code /proc/cpuinfo}, or {@code os.arch} where there is none. */
    public static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    /** The 1-minute load average from {@code /proc/loadavg}, or NaN where there is none. */
    public static double loadAverage() {
        try {
            String text = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII);
            return Double.parseDouble(text.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The JDK the children run on (the same {@code java} as this one). */
    public static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")";
    }

    /** Everything above as a JSON-ready map, with the load average now. */
    public static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        int cpus = Runtime.getRuntime().availableProcessors();
        String model = cpuModel();
        machine.put(
                "description",
                cpus + " CPUs, " + model + ", " + jdk() + ", " + System.getProperty("os.name") + " "
                        + System.getProperty("os.version"));
        machine.put("cpus", cpus);
        machine.put("cpuModel", model);
        machine.put("jdk", jdk());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("loadAverage1m", loadAverage());
        return machine;
    }
}
