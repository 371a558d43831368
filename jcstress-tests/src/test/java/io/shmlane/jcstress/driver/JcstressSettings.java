package io.shmlane.jcstress.driver;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * What one jcstress run does, read from system properties ({@code -Djcstress.*} on the Maven command
 * line reaches the test JVM). Unset properties keep the mode's values.
 *
 * <ul>
 *   <li>{@code jcstress.mode}: {@code ci} (default) or one of jcstress's presets {@code sanity},
 *       {@code quick}, {@code default}, {@code tough}, {@code stress}. {@code ci} is the build's
 *       budget: one fixed JVM configuration ({@link #CI_JVM_ARGS}, tiered with C2's scheduling
 *       randomized), one fork, unified compilation, 3 iterations of 1 s per test. jcstress's presets
 *       use every JVM configuration jcstress detects (14 to 28 per 2-actor test): for hunting.
 *   <li>{@code jcstress.tests}: regular expression, found in the test name (jcstress's {@code -t});
 *       default every test. The {@code selfcheck} fixtures are left out unless
 *       {@code jcstress.includeSelfCheck=true}.
 *   <li>{@code jcstress.time} (ms per iteration), {@code jcstress.iterations}, {@code jcstress.forks},
 *       {@code jcstress.cpus}, {@code jcstress.jvmArgs} (one configuration, replaces the detected
 *       ones), {@code jcstress.jvmArgsPrepend} (added to each detected configuration),
 *       {@code jcstress.splitCompilation}, {@code jcstress.extraArgs} (passed to jcstress as they
 *       are, split at spaces).
 *   <li>{@code jcstress.timeoutMinutes}: when the driver gives up on jcstress and kills it.
 *   <li>{@code jcstress.buildDirectory}: where results go (the pom sets it to {@code target}).
 * </ul>
 */
public record JcstressSettings(
        String mode,
        String tests,
        boolean includeSelfCheck,
        Integer time,
        Integer iterations,
        Integer forks,
        Integer cpus,
        String jvmArgs,
        String jvmArgsPrepend,
        Boolean splitCompilation,
        List<String> extraArgs,
        Duration timeout,
        Path buildDirectory) {

    /** The build's own mode: a fixed budget that fits the build. */
    public static final String CI = "ci";

    /** jcstress's presets, passed as {@code -m}. */
    public static final Set<String> JCSTRESS_MODES = Set.of("sanity", "quick", "default", "tough", "stress");

    /**
     * The one JVM configuration of the ci mode: default tiered compilation (interpreter, C1, then C2
     * while the test runs), with C2's local and global code motion and its value numbering randomized,
     * so that C2 tries more of the schedules the memory model allows.
     */
    public static final String CI_JVM_ARGS =
            "-XX:+UnlockDiagnosticVMOptions -XX:+StressLCM -XX:+StressGCM -XX:+StressIGVN";

    static final int CI_ITERATIONS = 3;
    static final int CI_TIME_MS = 1000;

    public JcstressSettings {
        mode = mode.toLowerCase(Locale.ROOT);
        if (!CI.equals(mode) && !JCSTRESS_MODES.contains(mode)) {
            throw new IllegalArgumentException(
                    "jcstress.mode must be ci, sanity, quick, default, tough or stress: jcstress.mode=" + mode);
        }
        extraArgs = List.copyOf(extraArgs);
    }

    /** The settings given by the system properties. */
    public static JcstressSettings fromSystemProperties() {
        return from(System.getProperties());
    }

    static JcstressSettings from(final Properties p) {
        String mode = p.getProperty("jcstress.mode", CI).trim();
        String extra = p.getProperty("jcstress.extraArgs", "").trim();
        return new JcstressSettings(
                mode,
                p.getProperty("jcstress.tests", ".*"),
                Boolean.parseBoolean(p.getProperty("jcstress.includeSelfCheck", "false")),
                integer(p, "jcstress.time"),
                integer(p, "jcstress.iterations"),
                integer(p, "jcstress.forks"),
                integer(p, "jcstress.cpus"),
                blankToNull(p.getProperty("jcstress.jvmArgs")),
                blankToNull(p.getProperty("jcstress.jvmArgsPrepend")),
                p.getProperty("jcstress.splitCompilation") == null
                        ? null
                        : Boolean.parseBoolean(p.getProperty("jcstress.splitCompilation")),
                extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+")),
                Duration.ofMinutes(Long.parseLong(p.getProperty(
                        "jcstress.timeoutMinutes",
                        Long.toString(defaultTimeout(mode).toMinutes())))),
                Paths.get(p.getProperty("jcstress.buildDirectory", "target")));
    }

    private static Duration defaultTimeout(final String mode) {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case CI:
            case "sanity":
                return Duration.ofMinutes(20);
            case "quick":
            case "default":
                return Duration.ofHours(3);
            default:
                return Duration.ofHours(24);
        }
    }

    private static Integer integer(final Properties p, final String key) {
        String value = blankToNull(p.getProperty(key));
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number: " + key + "=" + value, e);
        }
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** These settings with {@code tests} selected, fixtures included or not. */
    public JcstressSettings withTests(final String regex, final boolean selfCheck) {
        return new JcstressSettings(
                mode,
                regex,
                selfCheck,
                time,
                iterations,
                forks,
                cpus,
                jvmArgs,
                jvmArgsPrepend,
                splitCompilation,
                extraArgs,
                timeout,
                buildDirectory);
    }

    /** These settings with another mode, time and iteration count (for the self-check). */
    public JcstressSettings withBudget(final String newMode, final Integer newTime, final Integer newIterations) {
        return new JcstressSettings(
                newMode,
                tests,
                includeSelfCheck,
                newTime,
                newIterations,
                forks,
                cpus,
                jvmArgs,
                jvmArgsPrepend,
                splitCompilation,
                extraArgs,
                timeout,
                buildDirectory);
    }

    /** These settings with jcstress limited to {@code newCpus} CPUs. */
    public JcstressSettings withCpus(final Integer newCpus) {
        return new JcstressSettings(
                mode,
                tests,
                includeSelfCheck,
                time,
                iterations,
                forks,
                newCpus,
                jvmArgs,
                jvmArgsPrepend,
                splitCompilation,
                extraArgs,
                timeout,
                buildDirectory);
    }

    /**
     * The arguments of {@code org.openjdk.jcstress.Main} for this mode and these overrides, without the
     * test selection and the report directory.
     */
    public List<String> jcstressArguments() {
        List<String> args = new ArrayList<>();
        boolean ci = CI.equals(mode);
        args.add("-m");
        args.add(ci ? "default" : mode);
        if (ci) {
            // one fork, unified compilation, the one configuration below: 1 JVM per test (2 on JDK 17,
            // where jcstress adds -XX:+/-UseBiasedLocking to every configuration)
            args.addAll(List.of("-f", "1", "-sc", "false"));
        }
        add(args, "-iters", iterations != null ? iterations : ci ? Integer.valueOf(CI_ITERATIONS) : null);
        add(args, "-time", time != null ? time : ci ? Integer.valueOf(CI_TIME_MS) : null);
        if (!ci) {
            add(args, "-f", forks);
        } else if (forks != null) {
            args.set(args.indexOf("-f") + 1, forks.toString());
        }
        add(args, "-c", cpus);
        String configuration = jvmArgs != null ? jvmArgs : ci ? CI_JVM_ARGS : null;
        add(args, "-jvmArgs", configuration);
        add(args, "-jvmArgsPrepend", jvmArgsPrepend);
        if (splitCompilation != null) {
            if (ci) {
                args.set(args.indexOf("-sc") + 1, splitCompilation.toString());
            } else {
                add(args, "-sc", splitCompilation);
            }
        }
        args.addAll(extraArgs);
        return args;
    }

    private static void add(final List<String> args, final String option, final Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }
}
