package io.shmlane.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine and the JVM a result comes from: the one environment record of every result file.
 *
 * @param description the machine in words: CPUs, CPU model, JDK, OS
 * @param jdkVersion {@code java.version}
 * @param jdkVendor {@code java.vendor}
 * @param vmName {@code java.vm.name}
 * @param vmVersion {@code java.vm.version}
 * @param javaHome {@code java.home}
 * @param os {@code os.name}
 * @param osVersion {@code os.version}
 * @param arch {@code os.arch}
 * @param cpus available processors
 * @param cpuModel the CPU model from {@code /proc/cpuinfo}, else {@code os.arch}
 * @param loadAverage1m the 1-minute load average when probed, null where there is none
 */
public record Environment(
        String description,
        String jdkVersion,
        String jdkVendor,
        String vmName,
        String vmVersion,
        String javaHome,
        String os,
        String osVersion,
        String arch,
        Integer cpus,
        String cpuModel,
        Double loadAverage1m) {

    /** This JVM and machine, with the load average now. */
    public static Environment current() {
        int cpus = Runtime.getRuntime().availableProcessors();
        String model = probeCpuModel();
        String os = System.getProperty("os.name");
        String osVersion = System.getProperty("os.version");
        double load = loadAverage();
        return new Environment(
                cpus + " CPUs, " + model + ", " + jdk() + ", " + os + " " + osVersion,
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"),
                System.getProperty("java.home"),
                os,
                osVersion,
                System.getProperty("os.arch"),
                cpus,
                model,
                Double.isNaN(load) ? null : load);
    }

    /** The JDK in words: VM name, runtime version and vendor. */
    public static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")";
    }

    /** The CPU model from {@code /proc/cpuinfo}, or {@code os.arch} where there is none. */
    public static String probeCpuModel() {
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
            return Double.parseDouble(text.trim().split("\\s+")[0].toLowerCase(Locale.ROOT));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
